import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Http, type Reply } from './http.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './test-app.js';

export const DAY = 86_400_000;
export const iso = (ms: number): string => new Date(ms).toISOString();
export const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
/** The error message(s) of a reply, joined: validation answers carry one per fault. */
export const messages = (reply: Reply): string => [reply.body.message].flat().join(' | ');
export const patch = (client: Http, path: string, body: unknown): Promise<Reply> =>
  client.send('PATCH', path, body);

export interface RsoSession {
  service: TestApp;
  /** No token. */
  http: Http;
  admin: Http;
  rso: Http;
  rsoName: string;
  /** A technician login tied to a real person. */
  technician: Http;
  sql(query: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * A test app with an admin, an RSO (created by the admin) and a technician logged in. Logins
 * are rate-limited per address (10/min per app): log in once here and reuse the tokens.
 * `env` and `resolved` go to startTestApp (e.g. FACILITY_TZ, a database of the test's own).
 */
export async function startRsoSession(
  env: NodeJS.ProcessEnv = {},
  resolved: Parameters<typeof startTestApp>[1] = {},
): Promise<RsoSession> {
  const service = await startTestApp(env, resolved);
  const http = new Http(service.baseUrl);
  const admin = await http.login(TEST_ADMIN.username, TEST_ADMIN.password);
  const password = 'a-password-long-enough';
  const rsoName = unique('rso');
  await expectCreated(admin.post('/api/v1/users', { username: rsoName, password, role: 'rso' }));
  const rso = await http.login(rsoName, password);
  const person = await expectCreated(
    rso.post('/api/v1/people', { kind: 'worker', name: 'Tess Technician' }),
  );
  const techName = unique('tech');
  await expectCreated(
    admin.post('/api/v1/users', {
      username: techName,
      password,
      role: 'technician',
      personId: person.id,
    }),
  );
  const technician = await http.login(techName, password);
  const sql = (query: string, params?: unknown[]) =>
    service.app.get(DataSource).query<Record<string, unknown>[]>(query, params);
  return { service, http, admin, rso, rsoName, technician, sql };
}

/** On a service of the test's own: logs the admin in, creates an RSO login, returns it logged in. */
export async function newRsoLogin(http: Http, username = unique('rso')): Promise<Http> {
  const admin = await http.login(TEST_ADMIN.username, TEST_ADMIN.password);
  const password = 'a-password-long-enough';
  await expectCreated(admin.post('/api/v1/users', { username, password, role: 'rso' }));
  return http.login(username, password);
}

async function expectCreated(request: Promise<Reply<{ id: string }>>): Promise<{ id: string }> {
  const reply = await request;
  if (reply.status !== 201) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}
