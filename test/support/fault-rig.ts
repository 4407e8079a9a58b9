/**
 * What a test of the built service against real servers needs: a Mosquitto of its own
 * (the shipped config, one broker user per badge plus `dose-service`) or a vhost of the
 * machine's RabbitMQ (INGEST_SOURCE=amqp), a scratch database,
 * device connections, and a way to start service replicas on them. dispose() in afterAll
 * stops every replica, device, broker and database it made, whatever failed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import type { DoseLedger } from './dose-ledger.js';
import { wearTrunkBadges } from './fixtures.js';
import { startMosquitto } from './mosquitto.js';
import { RabbitVhost } from './rabbitmq.js';
import { eventually } from './mqtt-publisher.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { SERVICE_APPLICATION_NAME, ServiceInstance } from './service-instance.js';
import { ServiceProcess } from './service-process.js';

const SERVICE_USER = 'dose-service';
/** The shipped ACL grants the default prefix only. */
export const TOPIC_PREFIX = 'dose/v1';

/** The broker a rig's devices and replicas use. */
export interface RigBroker {
  /** mqtt://host:port, without credentials. */
  readonly url: string;
  readonly protocolVersion: 4 | 5;
  /** The broker login of a user: a badge serial, or the service. */
  login(user: string): { username: string; password: string };
  /** Settings a replica needs on this broker beside MQTT_URL. */
  readonly serviceEnv: Record<string, string>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** A Mosquitto of the rig's own with the shipped config: one login per user, one password. */
async function mosquittoBroker(users: readonly string[], password: string): Promise<RigBroker> {
  const broker = await startMosquitto({
    users: Object.fromEntries(users.map((user) => [user, password] as const)),
  });
  return {
    url: broker.url,
    protocolVersion: 5,
    login: (user) => ({ username: user, password }),
    serviceEnv: {},
    restart: () => broker.restart(),
    dispose: () => broker.dispose(),
  };
}

export class FaultRig {
  readonly devices = new Map<string, MqttClient>();
  private readonly replicas: ServiceInstance[] = [];

  private constructor(
    readonly broker: RigBroker,
    readonly database: ScratchDatabase,
    readonly dataSource: DataSource,
    readonly serials: readonly string[],
  ) {}

  /** `badges` serials (valid broker usernames), each with a login of its own. */
  static async start(name: string, badges: number): Promise<FaultRig> {
    return FaultRig.startOn(name, badges, (users) =>
      mosquittoBroker(users, randomBytes(12).toString('hex')),
    );
  }

  /** On a vhost of the machine's RabbitMQ: replicas take device messages from its queue. */
  static async startOnRabbitMq(name: string, badges: number): Promise<FaultRig> {
    return FaultRig.startOn(name, badges, () => RabbitVhost.create(name));
  }

  private static async startOn(
    name: string,
    badges: number,
    makeBroker: (users: readonly string[]) => Promise<RigBroker>,
  ): Promise<FaultRig> {
    const tag = randomUUID().slice(0, 6);
    const serials = Array.from({ length: badges }, (_, i) => `${name.toUpperCase()}-${tag}-${i}`);
    const broker = await makeBroker([SERVICE_USER, ...serials]);
    let database: ScratchDatabase | undefined;
    try {
      database = await createScratchDatabase(`${name}_${tag}`);
      const dataSource = new DataSource({ type: 'postgres', url: database.url, poolSize: 4 });
      await dataSource.initialize();
      return new FaultRig(broker, database, dataSource, serials);
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
    const { username, password } = this.broker.login(SERVICE_USER);
    const credentials = `${encodeURIComponent(username)}:${encodeURIComponent(password)}`;
    const replica = await ServiceInstance.start({
      databaseUrl: this.database.url,
      mqttUrl: this.broker.url.replace('mqtt://', `mqtt://${credentials}@`),
      clientId,
      shareGroup,
      env: { ...this.broker.serviceEnv, ...env },
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

  /**
   * Gives each person a 5-year effective limit of `limitNsv`, low enough that a test's
   * stream takes them through every alert level.
   */
  async setFiveYearLimits(people: Iterable<string>, limitNsv: number): Promise<void> {
    for (const person of people) {
      await this.dataSource.query(
        `INSERT INTO person_limit (person_id, quantity, period, limit_nsv, reason)
         VALUES ($1, 'effective', '5years', $2, 'test: every level within the stream')`,
        [person, limitNsv],
      );
    }
  }

  /** The 5-year doseLimit alerts, once there is one per wearer and every one is critical. */
  async criticalFiveYearAlerts(wearers: number): Promise<{ id: string; level: string }[]> {
    return eventually(async () => {
      const rows = await this.dataSource.query<{ id: string; level: string }[]>(
        `SELECT id, level FROM alert WHERE kind = 'doseLimit' AND period = '5years'`,
      );
      return rows.length === wearers && rows.every((row) => row.level === 'critical')
        ? rows
        : undefined;
    }, 60_000);
  }

  /** Connects every badge with its own login (MQTT 5 where spoken: a refused publish fails loudly). */
  async connectDevices(): Promise<void> {
    for (const serial of this.serials) {
      const client = await mqtt.connectAsync(this.broker.url, {
        clientId: `${serial}-device`,
        ...this.broker.login(serial),
        protocolVersion: this.broker.protocolVersion,
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
