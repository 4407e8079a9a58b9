import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../src/common/free-port.js';
import { loadSettings } from '../src/config/settings.js';
import { startEmbeddedBroker } from '../src/runtime.js';
import { connectPublisher } from './support/mqtt-publisher.js';
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

/**
 * A newcomer whose machine already runs a broker on the embedded broker's port (1883) is not
 * stuck: with MQTT_PORT unset the embedded broker takes the next free port and says which; a
 * port set in MQTT_PORT and taken stops start-up, naming the two ways out.
 */
describe('embedded broker port taken', () => {
  let occupier: net.Server;
  let taken: number;
  beforeAll(async () => {
    occupier = net.createServer();
    await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
    taken = (occupier.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => occupier.close(resolve)));

  it('with MQTT_PORT unset, the broker takes the next free port and warns naming it', async () => {
    // The default port, here one the test holds: MQTT_PORT itself stays unset.
    const settings = { ...loadSettings({}), mqttPort: taken };
    expect(settings.mqttPortGiven).toBe(false);
    const logger = new Logger('Runtime');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const broker = await startEmbeddedBroker(settings, logger);
    try {
      const port = Number(new URL(broker.url).port);
      expect(port).toBeGreaterThan(taken);
      expect(warn).toHaveBeenCalledTimes(1);
      const warning = String(warn.mock.calls[0][0]);
      expect(warning).toContain(`MQTT port ${taken} is taken`);
      expect(warning).toContain(`listens on ${port} instead`);
      expect(warning).toContain(`--url mqtt://127.0.0.1:${port}`);
      expect(warning).toMatch(/MQTT_PORT.*MQTT_URL/);
      const device = await connectPublisher(broker.url, { protocolVersion: 4, reconnectPeriod: 0 });
      await device.endAsync();
    } finally {
      await broker.stop();
    }
  });

  it('with MQTT_PORT set to a taken port, start-up stops naming MQTT_PORT and MQTT_URL', async () => {
    const service = ServiceProcess.start({
      DATABASE_URL: testDatabaseUrl(),
      ...SECRETS,
      MQTT_PORT: String(taken),
      PORT: String(await freePort()),
      DATA_DIR: path.join(tmpdir(), `dose-port-taken-${taken}`),
    });
    expect(await service.exitCode(20_000)).toBe(1);
    expect(service.log).toContain(
      `Start-up failed. MQTT_PORT ${taken} is in use: set MQTT_PORT to a free port, or MQTT_URL to use that broker`,
    );
  });
});
