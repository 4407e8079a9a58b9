/**
 * A shutdown is bounded (SHUTDOWN_TIMEOUT, 20 s by default): SIGTERM ends the service within it
 * under any load, readiness answers 503 from the signal on, and no process of the embedded
 * Postgres is left, also when a second signal comes during the shutdown. The built service as
 * an operator runs it, in embedded mode (nothing configured), with a device flooding one badge
 * topic with QoS 1 readings. The only time asserted is the issue's own: the exit within
 * SHUTDOWN_TIMEOUT (plus the process's teardown after it).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MqttClient } from 'mqtt';
import { freePort } from '../src/common/free-port.js';
import { Http } from './support/http.js';
import { connectPublisher, eventually } from './support/mqtt-publisher.js';
import { unique } from './support/rso-session.js';
import { postgresProcessesIn, ServiceProcess } from './support/service-process.js';
import { TableLock } from './support/table-lock.js';

const FLOOD = 20_000;
const DEFAULT_TIMEOUT_MS = 20_000;
/** The process's own teardown after its deadline, on a busy machine. */
const EXIT_MARGIN_MS = 3_000;

afterAll(() => ServiceProcess.killAll());

describe('bounded shutdown (embedded mode, a device flooding one badge topic)', () => {
  let dataDir: string;
  let device: MqttClient | undefined;
  let lock: TableLock | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dose-shutdown-'));
  });
  afterEach(async () => {
    await lock?.release().catch(() => undefined); // its server is gone by now
    lock = undefined;
    await device?.endAsync(true);
    device = undefined;
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  /** Readings the service has taken in so far, by its metrics. */
  async function readingsTaken(http: Http): Promise<number> {
    const { body } = await http.get<string>('/metrics');
    const samples = body.matchAll(/^dose_ingest_readings_total\{[^}]*\} (\S+)$/gm);
    return [...samples].reduce((sum, sample) => sum + Number(sample[1]), 0);
  }

  /** The service with `env`, a device flooding it, and the first readings committed. */
  async function floodedService(env: Record<string, string> = {}) {
    const port = await freePort();
    const mqttPort = await freePort();
    const service = ServiceProcess.start({
      DATA_DIR: dataDir,
      PORT: String(port),
      MQTT_PORT: String(mqttPort),
      ...env,
    });
    await service.waitFor(/Ready: /);
    const http = new Http(`http://127.0.0.1:${port}`);
    device = await connectPublisher(`mqtt://127.0.0.1:${mqttPort}`, {
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    device.on('error', () => undefined); // the broker goes away with the service
    const topic = `dose/v1/badges/${unique('FLOOD')}/readings`;
    const start = Date.now() - FLOOD * 1000;
    for (let seq = 1; seq <= FLOOD; seq++) {
      const measuredAt = new Date(start + seq * 1000).toISOString();
      const payload = `{"seq":${seq},"measuredAt":"${measuredAt}","hp10":${seq / 1000}}`;
      device.publish(topic, payload, { qos: 1 }, () => undefined);
    }
    await eventually(async () => ((await readingsTaken(http)) > 0 ? true : undefined));
    return { service, http };
  }

  /** Holds every reading's commit: the graceful close cannot finish while it is held. */
  async function holdCommits(): Promise<TableLock> {
    const { postgresPassword } = JSON.parse(
      await readFile(path.join(dataDir, 'secrets.json'), 'utf8'),
    ) as { postgresPassword: string };
    // postmaster.pid: pid, data folder, start time, port, …
    const pidFile = await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
    const port = pidFile.split('\n')[3];
    const url = `postgres://dose:${encodeURIComponent(postgresPassword)}@127.0.0.1:${port}/dose`;
    const held = await TableLock.take(url, 'reading');
    await eventually(async () => ((await held.waiters()) > 0 ? true : undefined));
    return held;
  }

  async function expectNoPostgresLeft(): Promise<void> {
    expect(await postgresProcessesIn(path.join(dataDir, 'postgres'))).toEqual([]);
  }

  it('SIGTERM under the flood: in-flight work finishes and the service exits 0 in time', async () => {
    const { service } = await floodedService();
    service.child.kill('SIGTERM');
    // 0: the graceful close finished; the forced stop at the deadline exits 1.
    expect(await service.exitCode(DEFAULT_TIMEOUT_MS + EXIT_MARGIN_MS)).toBe(0);
    await expectNoPostgresLeft();
  });

  it('a second SIGTERM during the shutdown still stops the embedded Postgres', async () => {
    const { service, http } = await floodedService();
    lock = await holdCommits();
    expect((await http.get('/health')).status).toBe(200);
    service.child.kill('SIGTERM');
    await service.waitFor(/SIGTERM: finishing in-flight work/);
    const health = await http.get('/health');
    expect(health).toMatchObject({ status: 503, body: { ready: false, stopping: true } });
    service.child.kill('SIGTERM');
    expect(await service.exitCode(DEFAULT_TIMEOUT_MS + EXIT_MARGIN_MS)).toBe(1);
    expect(service.log).toMatch(/SIGTERM during shutdown: stopping the embedded Postgres now/);
    await expectNoPostgresLeft();
  });

  it('commits that cannot finish: the service stops its Postgres and exits at SHUTDOWN_TIMEOUT', async () => {
    const { service, http } = await floodedService({ SHUTDOWN_TIMEOUT: '6s' });
    lock = await holdCommits();
    service.child.kill('SIGTERM');
    await service.waitFor(/SIGTERM: finishing in-flight work/);
    expect((await http.get('/health')).status).toBe(503);
    expect(await service.exitCode(6_000 + EXIT_MARGIN_MS)).toBe(1);
    expect(service.log).toMatch(/Not stopped after [\d.]+ s: stopping the embedded Postgres now/);
    await expectNoPostgresLeft();
  });
});
