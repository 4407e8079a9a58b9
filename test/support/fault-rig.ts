/**
 * What a test of the built service against real servers needs: a Mosquitto of its own
 * (the shipped config, one broker user per badge plus `dose-service`), a scratch database,
 * device connections, and a way to start service replicas on them. dispose() in afterAll
 * stops every replica, device, broker and database it made, whatever failed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import type { DoseLedger } from './dose-ledger.js';
import { wearTrunkBadges } from './fixtures.js';
import { startMosquitto, type RunningMosquitto } from './mosquitto.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { SERVICE_APPLICATION_NAME, ServiceInstance } from './service-instance.js';
import { ServiceProcess } from './service-process.js';

const SERVICE_USER = 'dose-service';
/** The shipped ACL grants the default prefix only. */
export const TOPIC_PREFIX = 'dose/v1';

export class FaultRig {
  readonly devices = new Map<string, MqttClient>();
  private readonly replicas: ServiceInstance[] = [];

  private constructor(
    readonly broker: RunningMosquitto,
    readonly database: ScratchDatabase,
    readonly dataSource: DataSource,
    private readonly password: string,
    readonly serials: readonly string[],
  ) {}

  /** `badges` serials (valid broker usernames), each with a login of its own. */
  static async start(name: string, badges: number): Promise<FaultRig> {
    const password = randomBytes(12).toString('hex');
    const tag = randomUUID().slice(0, 6);
    const serials = Array.from({ length: badges }, (_, i) => `${name.toUpperCase()}-${tag}-${i}`);
    const users = Object.fromEntries(
      [SERVICE_USER, ...serials].map((user) => [user, password] as const),
    );
    const broker = await startMosquitto({ users });
    let database: ScratchDatabase | undefined;
    try {
      database = await createScratchDatabase(`${name}_${tag}`);
      const dataSource = new DataSource({ type: 'postgres', url: database.url, poolSize: 4 });
      await dataSource.initialize();
      return new FaultRig(broker, database, dataSource, password, serials);
    } catch (error) {
      await database?.drop();
      await broker.dispose();
      throw error;
    }
  }

  /** Starts one replica (the first one migrates the empty database). */
  async startReplica(
    clientId: string,
    shareGroup?: string,
    env: Record<string, string> = {},
  ): Promise<ServiceInstance> {
    const replica = await ServiceInstance.start({
      databaseUrl: this.database.url,
      mqttUrl: `mqtt://${SERVICE_USER}:${this.password}@127.0.0.1:${this.broker.port}`,
      clientId,
      shareGroup,
      env,
    });
    this.replicas.push(replica);
    return replica;
  }

  /**
   * A worker wearing each badge (trunk) from 2000 on, in the ledger; returns serial → person.
   * Needs the schema (a replica started). Default: every badge of the rig.
   */
  async registerBadges(
    ledger: DoseLedger,
    serials: readonly string[] = this.serials,
  ): Promise<Map<string, string>> {
    return wearTrunkBadges(this.dataSource, ledger, serials);
  }

  /** Connects every badge with its own login (MQTT 5: a refused publish fails loudly). */
  async connectDevices(): Promise<void> {
    for (const serial of this.serials) {
      const client = await mqtt.connectAsync(this.broker.url, {
        clientId: `${serial}-device`,
        username: serial,
        password: this.password,
        protocolVersion: 5,
        reconnectPeriod: 500,
      });
      this.devices.set(serial, client);
    }
  }

  clientFor = (serial: string): MqttClient => {
    const client = this.devices.get(serial);
    if (!client) throw new Error(`no device connection for ${serial}`);
    return client;
  };

  /** Database connections any replica still has open (they outlive a SIGKILL briefly). */
  async serviceConnections(): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1`,
      [SERVICE_APPLICATION_NAME],
    );
    return n;
  }

  async storedReadings(serials: readonly string[] = this.serials): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM reading WHERE badge_serial = ANY($1::text[])`,
      [serials],
    );
    return n;
  }

  /** Every step runs even if an earlier one fails; the first failure is rethrown. */
  async dispose(): Promise<void> {
    const steps: (() => Promise<unknown>)[] = [
      () => ServiceProcess.killAll(),
      () => Promise.all([...this.devices.values()].map((client) => client.endAsync(true))),
      async () => (this.dataSource.isInitialized ? this.dataSource.destroy() : undefined),
      () => this.broker.dispose(),
      () => this.database.drop(),
    ];
    const failures: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
