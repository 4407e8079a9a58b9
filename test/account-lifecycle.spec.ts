import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AlertStream, tokenOf } from './support/alert-listeners.js';
import { Http } from './support/http.js';
import { eventually } from './support/mqtt-publisher.js';
import {
  messages,
  patch,
  startRsoSession,
  unique,
  type RsoSession,
} from './support/rso-session.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';
import { createScratchDatabase } from './support/scratch-database.js';
import { DataSource } from 'typeorm';

const PASSWORD = 'a-password-long-enough';

/**
 * Issue 30, item 6: tokens could not be revoked and logins had no life cycle. Each test plays
 * the attack as the issue found it: a validly signed token for a login that does not exist
 * (or no longer does), a disabled user's token and open alert stream, the token from before a
 * password change or reset, an alert stream outliving its token; and a second replica on the
 * same database, which must hear of each change at once.
 */
describe('account life cycle and revocable sessions (issue 30, item 6)', () => {
  let session: RsoSession;
  let replica: TestApp;
  let jwt: JwtService;
  let personId: string;

  beforeAll(async () => {
    session = await startRsoSession();
    replica = await startTestApp();
    jwt = session.service.app.get(JwtService);
    personId = (await session.technician.get('/api/v1/auth/session')).body.personId as string;
  });
  afterAll(async () => {
    await replica.close();
    await session.service.close();
  });

  /** A new technician login; its token is minted as a login would (per-address limit spared). */
  async function newTechnician(): Promise<{ id: string; username: string; client: Http }> {
    const username = unique('tech');
    const created = await session.admin.post('/api/v1/users', {
      username,
      password: PASSWORD,
      role: 'technician',
      personId,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    return { id, username, client: session.http.as(await mint(id)) };
  }

  /** A token signed with the service's key for the login as it is now (what login issues). */
  async function mint(userId: string, options: { expiresIn?: number } = {}): Promise<string> {
    const [user] = await session.sql(
      `SELECT username, role, person_id, token_version FROM app_user WHERE id = $1`,
      [userId],
    );
    return jwt.signAsync(
      {
        sub: userId,
        username: user.username,
        role: user.role,
        personId: user.person_id,
        ver: user.token_version,
      },
      options,
    );
  }

  const me = (client: Http) => client.get('/api/v1/auth/session');
  const onReplica = (client: Http) => new Http(replica.baseUrl, tokenOf(client));
  const audits = (userId: string) =>
    session.sql(
      `SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY id`,
      [userId],
    );
  /** Resolves when the stream's response has ended (the server closed it). */
  const ended = (stream: AlertStream) =>
    (stream as unknown as { reading: Promise<void> }).reading.then(() => true);

  it('refuses a validly signed token for a login that does not exist, or no longer does', async () => {
    const forged = await jwt.signAsync({
      sub: randomUUID(),
      username: 'ghost',
      role: 'rso',
      personId: null,
      ver: 1,
    });
    const ghost = session.http.as(forged);
    expect((await ghost.get('/api/v1/people')).status).toBe(401);
    expect(messages(await ghost.get('/api/v1/people'))).toBe(
      'This session has ended: log in again',
    );
    const noVersion = session.http.as(
      await jwt.signAsync({ sub: randomUUID(), username: 'x', role: 'admin', personId: null }),
    );
    expect((await noVersion.get('/api/v1/users')).status).toBe(401);

    const { id, client } = await newTechnician();
    expect((await me(client)).status).toBe(200);
    expect((await me(onReplica(client))).status).toBe(200); // now cached on the replica too
    // Deleted by hand, as an operator might: every replica hears it from Postgres' NOTIFY.
    await session.sql(`DELETE FROM app_user WHERE id = $1`, [id]);
    for (const asked of [client, onReplica(client)])
      await eventually(async () => ((await me(asked)).status === 401 ? true : undefined));
  });

  it('keeps PATCH /users and password resets to admins', async () => {
    const { id } = await newTechnician();
    for (const client of [session.rso, session.technician]) {
      expect((await patch(client, `/api/v1/users/${id}`, { disabled: true })).status).toBe(403);
      const reset = await client.post(`/api/v1/users/${id}/password`, {
        password: 'another-long-passphrase',
      });
      expect(reset.status).toBe(403);
      expect((await client.get('/api/v1/users')).status).toBe(403);
    }
    const list =
      await session.admin.get<{ id: string; disabledAt: string | null }[]>('/api/v1/users');
    expect(list.body.find((user) => user.id === id)).toMatchObject({ disabledAt: null });
    expect(await audits(id)).toEqual([{ action: 'user.create' }]);
  });

  it('ends a disabled login’s tokens and open alert streams at once, on every replica', async () => {
    const { id, username, client } = await newTechnician();
    const here = await AlertStream.open(session.service.baseUrl, client);
    const there = await AlertStream.open(replica.baseUrl, client);
    expect([here.status, there.status]).toEqual([200, 200]);

    const disabled = await patch(session.admin, `/api/v1/users/${id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id, disabledAt: expect.any(String) });
    expect((await me(client)).status).toBe(401);
    expect(await ended(here)).toBe(true);
    expect(await ended(there)).toBe(true);
    expect((await me(onReplica(client))).status).toBe(401);
    const login = await session.http.post('/api/v1/auth/login', { username, password: PASSWORD });
    expect(login.status).toBe(403);
    expect(messages(login)).toBe('This login is disabled');

    const enabled = await patch(session.admin, `/api/v1/users/${id}`, { disabled: false });
    expect(enabled.body).toMatchObject({ disabledAt: null });
    expect((await me(client)).status).toBe(401); // the old token stays ended
    expect((await me(session.http.as(await mint(id)))).status).toBe(200);
    const [update] = await session.sql(
      `SELECT actor, before->>'disabledAt' AS before, after->>'disabledAt' AS after FROM audit_log
        WHERE entity = 'user' AND entity_id = $1 AND action = 'user.update' ORDER BY id LIMIT 1`,
      [id],
    );
    expect(update).toMatchObject({ actor: 'admin', before: null, after: expect.any(String) });
  });

  it('ends every session on a password change, with the policy applied, and answers a new token', async () => {
    const { id, username, client } = await newTechnician();
    const other = session.http.as(await mint(id));
    const stream = await AlertStream.open(session.service.baseUrl, other);
    const change = (body: Record<string, unknown>) => client.post('/api/v1/me/password', body);

    const wrong = await change({
      currentPassword: 'not-the-password',
      newPassword: 'fresh-long-passphrase',
    });
    expect(wrong.status).toBe(403);
    const weak = await change({ currentPassword: PASSWORD, newPassword: `${username}-is-me` });
    expect(weak.status).toBe(400);
    expect(messages(weak)).toContain('password must not contain the username');
    expect((await change({ currentPassword: PASSWORD, newPassword: 'aaaaaaaaaaaa' })).status).toBe(
      400,
    );
    expect((await change({ currentPassword: PASSWORD, newPassword: PASSWORD })).status).toBe(400);
    expect((await me(client)).status).toBe(200); // refusals change nothing

    const changed = await change({
      currentPassword: PASSWORD,
      newPassword: 'fresh-long-passphrase',
    });
    expect(changed.status).toBe(200);
    expect((await me(client)).status).toBe(401);
    expect((await me(other)).status).toBe(401);
    expect(await ended(stream)).toBe(true);
    expect((await me(session.http.as(changed.body.accessToken as string))).status).toBe(200);
    const oldLogin = await session.http.post('/api/v1/auth/login', {
      username,
      password: PASSWORD,
    });
    expect(oldLogin.status).toBe(401);
    expect(await audits(id)).toEqual([
      { action: 'user.create' },
      { action: 'user.password.change' },
    ]);
  });

  it('ends every session on an admin reset, and on a new role', async () => {
    const { id, client } = await newTechnician();
    const stream = await AlertStream.open(replica.baseUrl, client);
    expect((await me(onReplica(client))).status).toBe(200);
    const weak = await session.admin.post(`/api/v1/users/${id}/password`, {
      password: 'abcdefghijkl',
    });
    expect(weak.status).toBe(400);
    const reset = await session.admin.post(`/api/v1/users/${id}/password`, {
      password: 'reset-by-the-admin',
    });
    expect(reset.status).toBe(204);
    expect((await me(client)).status).toBe(401);
    expect(await ended(stream)).toBe(true);
    expect((await me(onReplica(client))).status).toBe(401);

    const fresh = session.http.as(await mint(id));
    expect((await me(fresh)).body).toMatchObject({ role: 'technician' });
    const promoted = await patch(session.admin, `/api/v1/users/${id}`, { role: 'rso' });
    expect(promoted.body).toMatchObject({ role: 'rso' });
    expect((await me(fresh)).status).toBe(401); // a token's role is the login's role
    expect(await audits(id)).toEqual([
      { action: 'user.create' },
      { action: 'user.password.reset' },
      { action: 'user.update' },
    ]);
  });

  it('keeps one enabled admin (on a database of its own: other tests make admins)', async () => {
    // On the run's shared database another test may have made a second admin, and disabling
    // `admin` would then succeed and lock every later test out.
    const scratch = await createScratchDatabase('last_admin');
    const own = await startTestApp({}, { databaseUrl: scratch.url });
    try {
      const admin = await new Http(own.baseUrl).login(TEST_ADMIN.username, TEST_ADMIN.password);
      const [{ id: adminId }] = await own.app
        .get(DataSource)
        .query<{ id: string }[]>(`SELECT id FROM app_user WHERE username = 'admin'`);
      const lastAdmin = await patch(admin, `/api/v1/users/${adminId}`, { disabled: true });
      expect(lastAdmin.status).toBe(409);
      expect(messages(lastAdmin)).toBe('At least one enabled admin login must remain');
      const demoted = await patch(admin, `/api/v1/users/${adminId}`, { role: 'rso' });
      expect(demoted.status).toBe(409);
    } finally {
      await own.close();
      await scratch.drop();
    }
  });

  it('logs out: that token, and the login’s others, end', async () => {
    const { id, client } = await newTechnician();
    const other = session.http.as(await mint(id));
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await me(client)).status).toBe(401);
    expect((await me(other)).status).toBe(401);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(401);
    expect(await audits(id)).toEqual([{ action: 'user.create' }, { action: 'user.logout' }]);
  });

  it('closes an alert stream when its token expires', async () => {
    const { id } = await newTechnician();
    const shortLived = session.http.as(await mint(id, { expiresIn: 2 }));
    const stream = await AlertStream.open(session.service.baseUrl, shortLived);
    expect(stream.status).toBe(200);
    expect(await ended(stream)).toBe(true);
    expect((await me(shortLived)).status).toBe(401);
  });
});
