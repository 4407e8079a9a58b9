import { createHmac, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { freePort } from '../src/common/free-port.js';
import { HealthService } from '../src/health/health.service.js';
import { eventually } from './support/mqtt-publisher.js';
import { Http } from './support/http.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';

describe('service foundation (HTTP, real Postgres and broker)', () => {
  let service: TestApp;
  let http: Http;
  let admin: Http;

  beforeAll(async () => {
    service = await startTestApp();
    http = new Http(service.baseUrl);
    admin = await http.login(TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterAll(() => service.close());

  it('reports ready once database and broker are reachable', async () => {
    let reply = await http.get('/health');
    for (let i = 0; i < 50 && reply.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      reply = await http.get('/health');
    }
    expect(reply).toEqual({
      status: 200,
      body: {
        status: 'ok',
        live: true,
        ready: true,
        stopping: false,
        checks: { database: 'up', broker: 'up' },
      },
    });
  });

  it('lets the admin create a technician, who may not use admin routes', async () => {
    // app_user.person_id references person: the technician must be a real person.
    const [{ id: personId }] = await service.app
      .get(DataSource)
      .query<{ id: string }[]>(
        `INSERT INTO person (kind, name) VALUES ('worker', 'Tech') RETURNING id`,
      );
    const username = `tech-${randomUUID().slice(0, 8)}`;
    const created = await admin.post('/api/v1/users', {
      username,
      password: 'technician-password',
      role: 'technician',
      personId,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username, role: 'technician', personId });
    expect(created.body).not.toHaveProperty('passwordHash');

    const technician = await http.login(username, 'technician-password');
    const refused = await technician.post('/api/v1/users', {
      username: `x-${username}`,
      password: 'another-long-password',
      role: 'admin',
    });
    expect(refused.status).toBe(403);
  });

  it('answers 404 naming the person when personId matches nobody', async () => {
    const personId = randomUUID();
    const reply = await admin.post('/api/v1/users', {
      username: `ghost-${personId.slice(0, 8)}`,
      password: 'technician-password',
      role: 'technician',
      personId,
    });
    expect(reply).toEqual({
      status: 404,
      body: expect.objectContaining({ message: `Person ${personId} not found` }),
    });
  });

  it('refuses a duplicate username with 409, whatever its case', async () => {
    const username = `dup-${randomUUID().slice(0, 8)}`;
    const body = { username, password: 'a-long-enough-password', role: 'rso' };
    expect((await admin.post('/api/v1/users', body)).status).toBe(201);
    const again = await admin.post('/api/v1/users', { ...body, username: username.toUpperCase() });
    expect(again.status).toBe(409);
  });

  it('answers 401 without a token, with a tampered token and with alg none', async () => {
    expect((await http.post('/api/v1/users', {})).status).toBe(401);
    const token = (await http.post('/api/v1/auth/login', TEST_ADMIN)).body.accessToken as string;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, role: 'admin', sub: randomUUID() }),
    ).toString('base64url');
    expect(
      (await http.as(`${header}.${forged}.${signature}`).post('/api/v1/users', {})).status,
    ).toBe(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect((await http.as(`${none}.${payload}.`).post('/api/v1/users', {})).status).toBe(401);
    const wrongKey = createHmac('sha256', 'not-the-secret')
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(
      (await http.as(`${header}.${payload}.${wrongKey}`).post('/api/v1/users', {})).status,
    ).toBe(401);
  });

  it('answers a malformed body with 400 and the fields at fault', async () => {
    const reply = await admin.post('/api/v1/users', {
      username: 'x',
      password: 'short',
      role: 'wizard',
      extra: 1,
    });
    expect(reply.status).toBe(400);
    const messages = (reply.body as { message: string[] }).message.join(' | ');
    for (const field of ['username', 'password', 'role', 'extra'])
      expect(messages).toContain(field);
  });

  it('answers 400 to a body that is not JSON, and 413 to an oversize one', async () => {
    expect((await admin.post('/api/v1/users', '{"username":')).status).toBe(400);
    const huge = { username: 'big-body', password: 'x'.repeat(2_000_000), role: 'rso' };
    expect((await admin.post('/api/v1/users', huge)).status).toBe(413);
  });

  it('gives one answer to a wrong password and an unknown user', async () => {
    const wrongPassword = await http.post('/api/v1/auth/login', {
      username: 'admin',
      password: 'nope',
    });
    const unknownUser = await http.post('/api/v1/auth/login', {
      username: 'nobody-here',
      password: 'nope',
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('rate-limits login attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      statuses.push(
        (await http.post('/api/v1/auth/login', { username: 'brute', password: `guess-${i}` }))
          .status,
      );
    }
    expect(statuses.slice(0, 5).every((status) => status === 401 || status === 429)).toBe(true);
    expect(statuses).toContain(429);
  });

  it('serves Prometheus metrics, OpenAPI and security headers', async () => {
    const metrics = await http.get<string>('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('dose_process_cpu_seconds_total');
    const docs = await http.get<{ paths: Record<string, unknown> }>('/api/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users']),
    );
    const response = await fetch(`${service.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('readiness', () => {
  it('answers 503 naming the broker while the broker is out of reach', async () => {
    const service = await startTestApp({}, { mqttUrl: `mqtt://127.0.0.1:${await freePort()}` });
    try {
      const reply = await new Http(service.baseUrl).get('/health');
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({
        ready: false,
        checks: { database: 'up', broker: 'down' },
      });
    } finally {
      await service.close();
    }
  });

  it('answers 503 from the moment a shutdown starts, database and broker up', async () => {
    const service = await startTestApp();
    try {
      const http = new Http(service.baseUrl);
      await eventually(async () => ((await http.get('/health')).status === 200 ? true : undefined));
      service.app.get(HealthService).beginShutdown();
      expect(await http.get('/health')).toEqual({
        status: 503,
        body: {
          status: 'unavailable',
          live: true,
          ready: false,
          stopping: true,
          checks: { database: 'up', broker: 'up' },
        },
      });
    } finally {
      await service.close();
    }
  });
});
