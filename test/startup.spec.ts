import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../src/common/free-port.js';
import { Http } from './support/http.js';
import { TEST_ADMIN } from './support/test-app.js';
import { processesMatching, ServiceProcess } from './support/service-process.js';
import { testDatabaseUrl, testMqttProtocol, testMqttUrl } from './support/test-env.js';

afterAll(() => ServiceProcess.killAll());

const SECRETS = {
  JWT_SECRET: 'startup-test-jwt-secret-of-32-chars-or-more',
  PATIENT_ID_SECRET: 'startup-test-patient-secret-of-32-chars',
};

describe('start-up settings', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'nonsense', ...SECRETS }],
    ['FACILITY_TZ', { FACILITY_TZ: 'Mars/Base' }],
    ['MAX_CLOCK_SKEW', { MAX_CLOCK_SKEW: 'soon' }],
    ['MQTT_URL', { MQTT_URL: 'http://broker.example' }],
    [
      'JWT_SECRET',
      { DATABASE_URL: 'postgres://localhost/x', PATIENT_ID_SECRET: SECRETS.PATIENT_ID_SECRET },
    ],
  ])('a bad %s stops start-up with a message naming it', async (name, env) => {
    const service = ServiceProcess.start({ DATA_DIR: '/nonexistent/never-created', ...env });
    expect(await service.exitCode(20_000)).not.toBe(0);
    expect(service.log).toMatch(new RegExp(`Invalid settings:[\\s\\S]*${name}`));
  });
});

describe('embedded mode (nothing configured)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dose-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('runs its own Postgres and broker, keeps the data, and leaves no process behind', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, MQTT_PORT: '0', PORT: String(port) };
    const startedAt = Date.now();
    const first = ServiceProcess.start(env);
    await first.waitFor(/Ready: /);
    console.log(`first start (empty data folder) ready after ${Date.now() - startedAt} ms`);
    expect(first.log).toContain(
      `Database: embedded Postgres, data in ${path.join(dataDir, 'postgres')}`,
    );
    // aedes refuses MQTT 5: the log says so, and the Ready line gives devices the broker.
    expect(first.log).toMatch(
      /Broker: embedded aedes on mqtt:\/\/127\.0\.0\.1:\d+ \(MQTT 3\.1\.1 only\)/,
    );
    expect(first.log).toMatch(/Ready: .*, mqtt:\/\/127\.0\.0\.1:\d+ \(devices, MQTT 3\.1\.1\)/);
    const password = (await first.waitFor(/Password: (\S+)/))[1];
    const http = new Http(`http://127.0.0.1:${port}`);
    await http.login('admin', password);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(await processesMatching(path.join(dataDir, 'postgres'))).toEqual([]);

    const restartedAt = Date.now();
    const second = ServiceProcess.start(env);
    await second.waitFor(/Ready: /);
    console.log(`second start (existing data) ready after ${Date.now() - restartedAt} ms`);
    expect(second.log).not.toContain('First admin created');
    await http.login('admin', password);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(await processesMatching(path.join(dataDir, 'postgres'))).toEqual([]);
  });
});

describe('external mode (DATABASE_URL and MQTT_URL set)', () => {
  it('starts nothing embedded and stops cleanly', async () => {
    const port = await freePort();
    const dataDir = path.join(tmpdir(), `dose-external-${port}`);
    const service = ServiceProcess.start({
      DATABASE_URL: testDatabaseUrl(),
      MQTT_URL: testMqttUrl(),
      MQTT_PROTOCOL_VERSION: String(testMqttProtocol()),
      MQTT_CLIENT_ID: `startup-external-${port}`,
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      ...SECRETS,
    });
    await service.waitFor(/Ready: /);
    expect(service.log).toMatch(/Database: external/);
    expect(service.log).toMatch(/Broker: external/);
    expect(service.log).not.toContain('embedded');
    expect((await new Http(`http://127.0.0.1:${port}`).get('/health')).status).toBe(200);
    await expect(stat(dataDir)).rejects.toThrow();
    expect(await service.stop('SIGTERM')).toBe(0);
  });
});
