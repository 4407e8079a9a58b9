import net from 'node:net';
import { Aedes } from 'aedes';
import type { DevicePublishes, DevicePublishHandler } from './device-publishes.js';
import { TopicRouter } from './topic-router.js';

/** The port asked for is taken (by another broker, most likely). */
export class PortInUseError extends Error {}

/**
 * An in-process MQTT broker (aedes) for trying the service with nothing installed. MQTT 3.1.1
 * only: aedes (1.x) refuses MQTT 5 connections. It listens on the loopback only and has no
 * authentication: production uses Mosquitto with the docker/ config (per-device credentials
 * and ACLs).
 *
 * A PUBACK from it means committed, as from the production pair of Mosquitto and service
 * (DESIGN.md §1): aedes sends a QoS 1 PUBACK only once its publish authorisation has called
 * back, so a device's message on a readings or exposures topic is handed to the service there
 * (DevicePublishes) and authorised after its commit. A process that dies before that never
 * acknowledged it, and the device sends it again to the restarted broker. The service does
 * not also subscribe to those topics here; other subscribers still get each message after it.
 */
export class EmbeddedBroker implements DevicePublishes {
  private handler?: DevicePublishHandler;

  private constructor(
    readonly url: string,
    private readonly broker: Aedes,
    private readonly server: net.Server,
    private readonly router: TopicRouter | undefined,
  ) {
    broker.authorizePublish = this.authorizePublish;
  }

  /**
   * With `topicPrefix`, the service's own broker: device topics under it wait for the
   * service (take). Without, a plain broker that holds nothing back (the tests' broker).
   */
  static async start(port: number, topicPrefix?: string): Promise<EmbeddedBroker> {
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
    return new EmbeddedBroker(
      `mqtt://127.0.0.1:${address.port}`,
      broker,
      server,
      topicPrefix === undefined ? undefined : new TopicRouter(topicPrefix),
    );
  }

  take(handler: DevicePublishHandler): void {
    this.handler = handler;
  }

  release(): void {
    this.handler = undefined;
  }

  async stop(): Promise<void> {
    this.release();
    // No new connection first: a device reconnecting after aedes closed it would otherwise
    // hold the server open, and the shutdown with it.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await new Promise<void>((resolve) => this.broker.close(() => resolve()));
    await closed;
  }

  /**
   * Device topics wait for the service's commit; an error (the service not ready, stopping,
   * or unable to commit) makes aedes close the device's connection without a PUBACK, and the
   * device sends the message again when it reconnects (MQTT 3.1.1 has no negative PUBACK).
   * Messages the broker publishes itself (client null) and other topics pass at once.
   */
  private readonly authorizePublish: Aedes['authorizePublish'] = (client, packet, callback) => {
    if (client === null || !this.isDeviceTopic(packet.topic)) return callback(null);
    const handler = this.handler;
    if (!handler) return callback(new Error('the dose service is not taking readings yet'));
    const payload =
      typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    handler(packet.topic, payload).then(
      () => callback(null),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };

  private isDeviceTopic(topic: string): boolean {
    return (
      this.router !== undefined &&
      (this.router.readingsSerial(topic) !== undefined ||
        this.router.exposuresModality(topic) !== undefined)
    );
  }
}
