import { freePort } from '../../src/common/free-port.js';
import { Http } from './http.js';
import { eventually } from './mqtt-publisher.js';
import { ServiceProcess } from './service-process.js';
import { TEST_ADMIN } from './test-app.js';

/** The service's application_name on its database connections (src/data-source.ts). */
export const SERVICE_APPLICATION_NAME = 'dose-service';

export interface ServiceInstanceOptions {
  databaseUrl: string;
  /** With credentials: mqtt://user:password@host:port; unset: the embedded broker (MQTT_PORT in env). */
  mqttUrl?: string;
  /** Fixed, so a restart resumes the broker's persistent session. */
  clientId: string;
  shareGroup?: string;
  env?: Record<string, string>;
}

const START_TIMEOUT_MS = 90_000;

/**
 * One replica of the built service (dist/) on an external database and broker, which a
 * test can kill and restart with the very same settings (same client id, same port).
 * ServiceProcess.killAll() in afterAll stops whatever is left.
 */
export class ServiceInstance {
  private current?: ServiceProcess;
  private earlierLogs = '';

  private constructor(
    readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  static async start(options: ServiceInstanceOptions): Promise<ServiceInstance> {
    const port = await freePort();
    const instance = new ServiceInstance(
      {
        DATABASE_URL: options.databaseUrl,
        ...(options.mqttUrl ? { MQTT_URL: options.mqttUrl } : {}),
        MQTT_CLIENT_ID: options.clientId,
        ...(options.shareGroup ? { MQTT_SHARE_GROUP: options.shareGroup } : {}),
        JWT_SECRET: 'fault-test-jwt-secret-of-32-chars-or-more',
        PATIENT_ID_SECRET: 'fault-test-patient-secret-of-32-chars-or-more',
        ADMIN_PASSWORD: TEST_ADMIN.password,
        PORT: String(port),
        ...options.env,
      },
      port,
    );
    await instance.start();
    return instance;
  }

  get http(): Http {
    return new Http(`http://127.0.0.1:${this.port}`);
  }

  get running(): boolean {
    const child = this.current?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** The current incarnation's process id. */
  get pid(): number | undefined {
    return this.current?.child.pid;
  }

  /** Every incarnation's output so far. */
  get log(): string {
    return this.earlierLogs + (this.current?.log ?? '');
  }

  /** Starts (again) and waits until it is ready: listening, database and broker up. */
  async start(): Promise<void> {
    if (this.running) throw new Error('already running');
    if (this.current) this.earlierLogs += `${this.current.log}\n--- restart ---\n`;
    this.current = ServiceProcess.start(this.env);
    await this.current.waitFor(/Ready: /, START_TIMEOUT_MS);
    await eventually(async () => {
      const reply = await this.http.get('/health');
      return reply.status === 200 ? true : undefined;
    }, START_TIMEOUT_MS);
    // An external broker's subscription, or the embedded broker's messages taken in process.
    await this.current.waitFor(/Subscribed to |Taking device messages/, START_TIMEOUT_MS);
  }

  /** SIGKILL: no shutdown hook runs, nothing in memory is committed or acknowledged. */
  async kill(): Promise<void> {
    await this.current?.stop('SIGKILL');
  }

  async stop(): Promise<number | null | undefined> {
    return this.current?.stop('SIGTERM');
  }

  /** dose_ingest_readings_total for one outcome, from this incarnation's /metrics. */
  async ingested(outcome = 'accepted'): Promise<number> {
    return this.counter(`dose_ingest_readings_total{outcome="${outcome}"}`);
  }

  /** One sample (name and labels as scraped) of this incarnation's /metrics; 0 if absent. */
  async counter(sample: string): Promise<number> {
    const reply = await this.http.get<string>('/metrics');
    if (reply.status !== 200) throw new Error(`/metrics answered ${reply.status}`);
    const line = String(reply.body)
      .split('\n')
      .find((l) => l.startsWith(`${sample} `));
    return Number(line?.slice(sample.length + 1) ?? 0);
  }
}
