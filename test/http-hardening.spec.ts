import { networkInterfaces } from 'node:os';
import { freePort } from '../src/common/free-port.js';
import { startRsoSession, type RsoSession } from './support/rso-session.js';
import { ServiceProcess } from './support/service-process.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';
import { testDatabaseUrl, testMqttProtocol, testMqttUrl } from './support/test-env.js';

afterAll(() => ServiceProcess.killAll());

/** An address of this machine that other machines reach it by (not loopback). */
const externalAddress = (): string | undefined =>
  Object.values(networkInterfaces())
    .flat()
    .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;

/** The status of a GET, or the connection error's code when nothing answers. */
async function statusAt(url: string): Promise<number | string> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status;
  } catch (error) {
    return ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? String(error);
  }
}

describe('HTTP headers and API docs (embedded defaults)', () => {
  let session: RsoSession;
  beforeAll(async () => {
    session = await startRsoSession();
  });
  afterAll(() => session.service.close());

  it('sends a CSP without upgrade-insecure-requests, so the UI loads over plain http', async () => {
    const response = await fetch(`${session.service.baseUrl}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('marks API answers no-store, authenticated or refused', async () => {
    const base = session.service.baseUrl;
    const token = (
      (await session.http.post('/api/v1/auth/login', TEST_ADMIN)).body as { accessToken: string }
    ).accessToken;
    const people = await fetch(`${base}/api/v1/people`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(people.status).toBe(403);
    const rso = await session.rso.get('/api/v1/people');
    expect(rso.status).toBe(200);
    for (const response of [
      people,
      await fetch(`${base}/api/v1/me/exposure`, { headers: { authorization: `Bearer ${token}` } }),
      await fetch(`${base}/api/v1/people`),
    ])
      expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the API docs when API_DOCS is on (embedded default)', async () => {
    expect(await statusAt(`${session.service.baseUrl}/api/docs`)).toBe(200);
  });
});

describe('API_DOCS=false, HTTPS_ONLY=true', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({ API_DOCS: 'false', HTTPS_ONLY: 'true' });
  });
  afterAll(() => service.close());

  it('answers 404 at /api/docs and its JSON document', async () => {
    expect(await statusAt(`${service.baseUrl}/api/docs`)).toBe(404);
    expect(await statusAt(`${service.baseUrl}/api/docs-json`)).toBe(404);
  });

  it('asks browsers to upgrade insecure requests', async () => {
    const response = await fetch(`${service.baseUrl}/health/live`);
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});

describe('bind address (HOST)', () => {
  const start = async (
    env: Record<string, string>,
  ): Promise<{ service: ServiceProcess; port: number }> => {
    const port = await freePort();
    const service = ServiceProcess.start({
      DATABASE_URL: testDatabaseUrl(),
      MQTT_URL: testMqttUrl(),
      MQTT_PROTOCOL_VERSION: String(testMqttProtocol()),
      MQTT_CLIENT_ID: `http-bind-${port}`,
      PORT: String(port),
      ADMIN_PASSWORD: TEST_ADMIN.password,
      JWT_SECRET: 'http-bind-test-jwt-secret-of-32-chars-or-more',
      PATIENT_ID_SECRET: 'http-bind-test-patient-secret-of-32-chars',
      ...env,
    });
    return { service, port };
  };

  it('HOST=127.0.0.1 binds loopback only, and the Ready line says so', async () => {
    const outside = externalAddress();
    if (outside === undefined) throw new Error('this machine has no non-loopback IPv4 address');
    const { service, port } = await start({ HOST: '127.0.0.1' });
    await service.waitFor(/Ready: /);
    expect(service.log).toContain(`Ready: http://127.0.0.1:${port}/ (web UI)`);
    expect(await statusAt(`http://127.0.0.1:${port}/health/live`)).toBe(200);
    // From another machine's point of view: the machine's own network address.
    expect(await statusAt(`http://${outside}:${port}/health/live`)).toBe('ECONNREFUSED');
    expect(await service.stop('SIGTERM')).toBe(0);
  });

  it('with an external database and HOST unset, binds every interface and says so', async () => {
    const outside = externalAddress();
    if (outside === undefined) throw new Error('this machine has no non-loopback IPv4 address');
    const { service, port } = await start({});
    await service.waitFor(/Ready: /);
    expect(service.log).toContain(
      `Ready: http://0.0.0.0:${port}/ (web UI), http://0.0.0.0:${port}/api/v1 (API)`,
    );
    expect(await statusAt(`http://${outside}:${port}/health/live`)).toBe(200);
    expect(await service.stop('SIGTERM')).toBe(0);
  });
});
