import net from 'node:net';
import { Aedes } from 'aedes';

/** The port asked for is taken (by another broker, most likely). */
export class PortInUseError extends Error {}

/**
 * An in-process MQTT broker (aedes) for trying the service with nothing installed. MQTT 3.1.1
 * only: aedes (1.x) refuses MQTT 5 connections. It listens on the loopback only and has no
 * authentication: production uses Mosquitto with the docker/ config (per-device credentials
 * and ACLs).
 */
export class EmbeddedBroker {
  private constructor(
    readonly url: string,
    private readonly broker: Aedes,
    private readonly server: net.Server,
  ) {}

  static async start(port: number): Promise<EmbeddedBroker> {
    const broker = await Aedes.createBroker({ drainTimeout: 30_000 });
    const server = net.createServer((socket) => broker.handle(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new PortInUseError(
                `MQTT_PORT ${port} is in use: set MQTT_PORT to a free port, or MQTT_URL to use that broker`,
              )
            : error,
        ),
      );
      server.listen(port, '127.0.0.1', resolve);
    }).catch(async (error: unknown) => {
      // Its timers would keep the process alive.
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      throw error;
    });
    const address = server.address() as net.AddressInfo;
    return new EmbeddedBroker(`mqtt://127.0.0.1:${address.port}`, broker, server);
  }

  async stop(): Promise<void> {
    // No new connection first: a device reconnecting after aedes closed it would otherwise
    // hold the server open, and the shutdown with it.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await new Promise<void>((resolve) => this.broker.close(() => resolve()));
    await closed;
  }
}
