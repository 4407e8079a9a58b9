import { createHmac, randomUUID } from 'node:crypto';
import type { Http } from './support/http.js';
import { mountedRoutes, routeTable, type RouteEntry } from './support/route-table.js';
import { startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { TEST_ADMIN } from './support/test-app.js';
import { type Role, ROLES } from '../src/audit/caller.js';

/** test/support/test-app.ts signs every test app's tokens with this secret. */
const TEST_JWT_SECRET = 'test-jwt-secret-that-is-at-least-32-chars';
const PASSWORD = 'a-password-long-enough';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (header: object, claims: object, secret = TEST_JWT_SECRET): string => {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
/** Signed with the right secret but another algorithm: the guard accepts HS256 alone. */
const hs512 = (claims: object): string => {
  const input = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha512', TEST_JWT_SECRET).update(input).digest('base64url')}`;
};
const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

interface Probe {
  status: number;
  body: unknown;
}

/**
 * One request, whatever the route: a server-sent-event stream that opens is closed as soon
 * as its status is known, instead of being read forever.
 */
async function probe(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: string,
): Promise<Probe> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      signal: abort.signal,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body,
    });
    if (response.headers.get('content-type')?.includes('text/event-stream')) {
      abort.abort();
      return { status: response.status, body: '(event stream)' };
    }
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: response.status, body: text.slice(0, 200) };
    }
  } finally {
    clearTimeout(timer);
  }
}

const takesBody = (method: string): boolean => ['POST', 'PUT', 'PATCH'].includes(method);

/** Path parameters filled with values that name nothing: a serial for badges, else a UUID. */
const fill = (path: string): string =>
  path.replace(/:(\w+)/g, (_match, name: string) =>
    name.toLowerCase().includes('serial') ? `X-${randomUUID().slice(0, 8)}` : randomUUID(),
  );

describe('HTTP access (route matrix, person isolation, body size, injection)', () => {
  let session: RsoSession;
  let baseUrl: string;
  let table: RouteEntry[];
  /** Raw tokens of real logins, per role (the session's Http clients keep theirs private). */
  const tokens = {} as Record<Role, string>;
  /**
   * Per role, a token of a login of its own for the routes that end every session of the
   * caller's login (logout): probing them with `tokens` would end those.
   */
  const spendable = {} as Record<Role, string>;
  const ENDS_SESSIONS = new Set(['POST /api/v1/auth/logout']);
  let otherTechnician: Http;
  let ownPersonId: string;
  let otherPersonId: string;
  let ownAlertId: string;
  let otherAlertId: string;

  const login = async (username: string, password: string): Promise<string> => {
    const reply = await session.http.post<{ accessToken: string }>('/api/v1/auth/login', {
      username,
      password,
    });
    if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`);
    return reply.body.accessToken;
  };

  const insertAlert = async (personId: string): Promise<string> => {
    const [row] = await session.sql(
      `INSERT INTO alert (key, kind, level, level_rank, person_id, quantity, period, state,
                          published_rank)
       VALUES ($1, 'doseLimit', 'warning', 2, $2, 'effective', 'year', 'open', 2)
       RETURNING id`,
      [`http-access|${randomUUID()}`, personId],
    );
    return row.id as string;
  };

  beforeAll(async () => {
    // Logins are limited to 10 a minute per address: 3 here, 3 below, 1 in the matrix.
    session = await startRsoSession();
    baseUrl = session.service.baseUrl;
    table = routeTable(session.service.app);

    ownPersonId = (
      (await session.technician.get('/api/v1/me/exposure')).body as { personId: string }
    ).personId;
    const other = await session.rso.post('/api/v1/people', { kind: 'worker', name: 'Otto Other' });
    expect(other.status).toBe(201);
    otherPersonId = (other.body as { id: string }).id;
    const techName = unique('tech');
    const created = await session.admin.post('/api/v1/users', {
      username: techName,
      password: PASSWORD,
      role: 'technician',
      personId: otherPersonId,
    });
    expect(created.status).toBe(201);

    tokens.admin = await login(TEST_ADMIN.username, TEST_ADMIN.password);
    tokens.rso = await login(session.rsoName, PASSWORD);
    tokens.technician = await login(techName, PASSWORD);
    otherTechnician = session.http.as(tokens.technician);

    for (const role of ROLES) {
      const username = unique(`spent-${role}`);
      const spent = await session.admin.post('/api/v1/users', {
        username,
        password: PASSWORD,
        role,
        ...(role === 'technician' ? { personId: otherPersonId } : {}),
      });
      expect(spent.status).toBe(201);
      // Signed as a login signs (same claims, the login's token version), sparing the limit.
      const now = Math.floor(Date.now() / 1000);
      spendable[role] = hs256(
        { alg: 'HS256', typ: 'JWT' },
        {
          sub: spent.body.id,
          username,
          role,
          personId: spent.body.personId,
          ver: 1,
          iat: now,
          exp: now + 600,
        },
      );
    }

    ownAlertId = await insertAlert(ownPersonId);
    otherAlertId = await insertAlert(otherPersonId);
  });
  afterAll(() => session?.service.close());

  describe('the route table', () => {
    it('is read from the running app and holds every route it serves', () => {
      expect(table.length).toBeGreaterThan(30);
      const keys = table.map((route) => `${route.method} ${route.path}`);
      expect(keys).toEqual(
        expect.arrayContaining([
          'POST /api/v1/auth/login',
          'POST /api/v1/users',
          'GET /api/v1/people/:id/exposure',
          'GET /api/v1/alerts/stream',
          'GET /api/v1/me/readings',
          'GET /api/v1/ingest/rejected',
          'GET /health',
          'GET /metrics',
        ]),
      );
      expect(new Set(keys).size).toBe(keys.length);
      // Each Nest route is mounted where the table says...
      const mounted = mountedRoutes(session.service.app);
      const unmounted = table.filter(
        (route) => !mounted.some((m) => m.method === route.method && m.path === route.path),
      );
      expect(unmounted).toEqual([]);
      // ...and Express serves nothing the table lacks (bar the OpenAPI pages, all public).
      const unlisted = mounted.filter(
        (m) =>
          m.method !== 'ALL' &&
          !m.path.startsWith('/api/docs') &&
          !table.some((route) => route.method === m.method && route.path === m.path),
      );
      expect(unlisted).toEqual([]);
      // Catch-alls (Nest's not-found answer on the paths outside the prefix) sit only on
      // public routes: an `app.all` of anyone's own would show here.
      const catchAlls = mounted.filter((m) => m.method === 'ALL').map((m) => m.path);
      expect(catchAlls.length).toBeGreaterThan(0);
      const publicPaths = table.filter((route) => route.isPublic).map((route) => route.path);
      expect(catchAlls.filter((path) => !publicPaths.includes(path))).toEqual([]);
    });

    it('has no route with neither @Public nor @Roles', () => {
      const offenders = table
        .filter((route) => !route.isPublic && (!route.roles || route.roles.length === 0))
        .map((route) => `${route.method} ${route.path} (${route.handler})`);
      expect(offenders).toEqual([]);
      const unknownRoles = table.filter((route) =>
        (route.roles ?? []).some((role) => !ROLES.includes(role)),
      );
      expect(unknownRoles).toEqual([]);
    });

    it('opens only the routes meant to be public', () => {
      const open = table.filter((route) => route.isPublic).map((r) => `${r.method} ${r.path}`);
      expect(open.sort()).toEqual(
        ['GET /health', 'GET /health/live', 'GET /metrics', 'POST /api/v1/auth/login'].sort(),
      );
    });
  });

  describe('every route against every kind of caller', () => {
    const forged = (): Record<string, string> => {
      const token = tokens.rso;
      const [header, payload, signature] = token.split('.');
      const claims = claimsOf(token);
      const now = Math.floor(Date.now() / 1000);
      const none = (alg: string) => b64({ alg, typ: 'JWT' });
      const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      return {
        'tampered claims': `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`,
        'tampered signature': `${header}.${payload}.${flipped}`,
        'wrong key': hs256(
          { alg: 'HS256', typ: 'JWT' },
          claims,
          'not-the-secret-but-32-chars-long!!',
        ),
        expired: hs256({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 7200, exp: now - 60 }),
        'alg none': `${none('none')}.${payload}.`,
        'alg none, signature kept': `${none('none')}.${payload}.${signature}`,
        'alg NONE': `${none('NONE')}.${payload}.`,
        'unknown role': hs256({ alg: 'HS256', typ: 'JWT' }, { ...claims, role: 'root' }),
        'alg HS512': hs512(claims),
        garbage: 'not-a-jwt',
      };
    };

    it('signs a token the app accepts, so the forged ones fail for the reason given', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { ...claimsOf(tokens.rso), iat: now, exp: now + 600 };
      const own = hs256({ alg: 'HS256', typ: 'JWT' }, claims);
      expect((await probe(baseUrl, 'GET', '/api/v1/badges', own)).status).toBe(200);
      // The expired token differs from this one only in its times.
      expect((await probe(baseUrl, 'GET', '/api/v1/badges', forged().expired)).status).toBe(401);
    });

    it('refuses without a valid token, and lets in exactly the roles of each route', async () => {
      const bad = forged();
      const failures: string[] = [];
      let requests = 0;
      for (const route of table) {
        const path = fill(route.path);
        const body = takesBody(route.method) ? '{}' : undefined;
        const check = async (
          caller: string,
          token: string | undefined,
          ok: (s: number) => boolean,
        ) => {
          const reply = await probe(baseUrl, route.method, path, token, body);
          requests += 1;
          if (!ok(reply.status))
            failures.push(
              `${route.method} ${path} [${route.handler}] as ${caller}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`,
            );
        };
        if (route.isPublic) {
          // Once, without a token (the login route counts against the login rate limit).
          await check(
            'no token (public)',
            undefined,
            (s) => (s !== 401 && s !== 403 && s < 500) || s === 503,
          );
          continue;
        }
        await check('no token', undefined, (s) => s === 401);
        for (const [name, token] of Object.entries(bad)) await check(name, token, (s) => s === 401);
        const own = ENDS_SESSIONS.has(`${route.method} ${route.path}`) ? spendable : tokens;
        for (const role of ROLES) {
          const allowed = route.roles?.includes(role) ?? false;
          await check(
            role,
            own[role],
            allowed ? (s) => s !== 401 && s !== 403 && s < 500 : (s) => s === 403,
          );
        }
      }
      expect(failures).toEqual([]);
      expect(requests).toBeGreaterThan(table.length * 10);
    });
  });

  describe("a technician and another person's data", () => {
    const asTechnician = (method: string, path: string, body?: unknown) =>
      session.technician.send(method, path, body);

    it("answers 404 for another person's exposure, readings and alerts, as for nobody", async () => {
      const nobody = randomUUID();
      for (const path of [
        `/api/v1/people/:id/exposure`,
        `/api/v1/people/:id/readings`,
        `/api/v1/alerts?personId=:id`,
      ]) {
        const other = await asTechnician('GET', path.replace(':id', otherPersonId));
        const unknown = await asTechnician('GET', path.replace(':id', nobody));
        expect({ path, status: other.status }).toEqual({ path, status: 404 });
        // The same answer as for an id that names nobody: ids cannot be probed.
        expect(JSON.stringify(other.body).replaceAll(otherPersonId, nobody)).toBe(
          JSON.stringify(unknown.body),
        );
        // The RSO reads the same data: the 404 is the technician's, not a missing person.
        expect((await session.rso.get(path.replace(':id', otherPersonId))).status).toBe(200);
      }
    });

    it("answers 404 for another person's alert, to read or to acknowledge", async () => {
      const nobody = randomUUID();
      const other = await asTechnician('GET', `/api/v1/alerts/${otherAlertId}`);
      expect(other.status).toBe(404);
      const unknown = await asTechnician('GET', `/api/v1/alerts/${nobody}`);
      expect(JSON.stringify(other.body).replaceAll(otherAlertId, nobody)).toBe(
        JSON.stringify(unknown.body),
      );
      const acknowledged = await asTechnician(
        'POST',
        `/api/v1/alerts/${otherAlertId}/acknowledge`,
        {
          note: 'not mine',
        },
      );
      expect(acknowledged.status).toBe(404);
      const [row] = await session.sql(`SELECT state FROM alert WHERE id = $1`, [otherAlertId]);
      expect(row.state).toBe('open');
      expect((await session.rso.get(`/api/v1/alerts/${otherAlertId}`)).status).toBe(200);
      // Its owner reads it.
      expect((await otherTechnician.get(`/api/v1/alerts/${otherAlertId}`)).status).toBe(200);
    });

    it('lists only their own alerts, and reads their own data', async () => {
      for (const path of [
        '/api/v1/alerts',
        '/api/v1/me/alerts',
        `/api/v1/alerts?personId=${ownPersonId}`,
      ]) {
        const reply = await asTechnician('GET', path);
        expect(reply.status).toBe(200);
        const ids = (reply.body as { id: string; personId: string | null }[]).map((a) => a.id);
        expect(ids).toContain(ownAlertId);
        expect(ids).not.toContain(otherAlertId);
        expect(
          (reply.body as { personId: string | null }[]).every((a) => a.personId === ownPersonId),
        ).toBe(true);
      }
      const exposure = await asTechnician('GET', `/api/v1/people/${ownPersonId}/exposure`);
      expect(exposure.status).toBe(200);
      expect((exposure.body as { personId: string }).personId).toBe(ownPersonId);
      expect((await asTechnician('GET', `/api/v1/people/${ownPersonId}/readings`)).status).toBe(
        200,
      );
      expect((await asTechnician('GET', `/api/v1/alerts/${ownAlertId}`)).status).toBe(200);
      for (const path of ['/api/v1/me/exposure', '/api/v1/me/readings'])
        expect((await asTechnician('GET', path)).status).toBe(200);
      // People themselves stay the RSO's.
      expect((await asTechnician('GET', `/api/v1/people/${ownPersonId}`)).status).toBe(403);
    });
  });

  describe('oversize bodies', () => {
    it('answers 413 to a 2 MB JSON body on every route that takes one', async () => {
      const huge = JSON.stringify({ name: 'x'.repeat(2_000_000) });
      const routes = table.filter((route) => takesBody(route.method));
      expect(routes.length).toBeGreaterThan(10);
      const statuses = [];
      for (const route of routes)
        statuses.push({
          route: `${route.method} ${route.path}`,
          status: (await probe(baseUrl, route.method, fill(route.path), tokens.rso, huge)).status,
        });
      expect(statuses.filter((s) => s.status !== 413)).toEqual([]);
    });

    it('draws the line at 100 kB', async () => {
      const body = (bytes: number) => JSON.stringify({ kind: 'worker', name: 'x'.repeat(bytes) });
      const over = await probe(baseUrl, 'POST', '/api/v1/people', tokens.rso, body(110_000));
      expect(over.status).toBe(413);
      // Under the limit the body is read, and validated (name is at most 200 characters).
      const under = await probe(baseUrl, 'POST', '/api/v1/people', tokens.rso, body(90_000));
      expect(under.status).toBe(400);
    });
  });

  describe('injection strings in query parameters', () => {
    const payloads = [
      `' OR 1=1 --`,
      `'; DROP TABLE person; --`,
      `"; DROP TABLE person; --`,
      `1; SELECT pg_sleep(5)`,
      `{"$gt":""}`,
      `[$ne]=1`,
      `../../etc/passwd`,
      `%00`,
      `\u0000`,
      `x\u0000y`,
      `<script>alert(1)</script>`,
      `${'%'.repeat(10)}`,
      `\\`,
      `2026-01-01T00:00:00Z' OR '1'='1`,
      '9'.repeat(400),
      '-1',
      'A'.repeat(6000),
    ];
    const queries = (personId: string): [string, string[]][] => [
      ['/api/v1/people', ['kind']],
      ['/api/v1/alerts', ['state', 'kind', 'personId']],
      [`/api/v1/people/${personId}/readings`, ['from', 'to', 'cursor', 'limit']],
      ['/api/v1/ingest/rejected', ['limit', 'before']],
      [`/api/v1/people/${personId}/exposure`, ['at']],
    ];

    it('answers 400 or a normal 200, never 500, and the tables survive', async () => {
      const [{ count: before }] = await session.sql(`SELECT count(*)::int AS count FROM person`);
      const failures: string[] = [];
      const seen = new Map<number, number>();
      const started = Date.now();
      const callers: [string, Http][] = [
        ['rso', session.rso],
        ['technician', session.technician],
      ];
      for (const [caller, client] of callers)
        for (const [path, params] of queries(ownPersonId))
          for (const param of params)
            for (const payload of payloads) {
              const url = `${path}?${param}=${encodeURIComponent(payload)}`;
              const reply = await client.get(url);
              seen.set(reply.status, (seen.get(reply.status) ?? 0) + 1);
              const ok =
                reply.status === 400 ||
                // The technician may not use the RSO's lists at all.
                (caller === 'technician' && reply.status === 403) ||
                (reply.status === 200 && typeof reply.body === 'object' && reply.body !== null);
              if (!ok)
                failures.push(
                  `${caller} GET ${url.slice(0, 120)}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`,
                );
            }
      // Path parameters too: an id that is not a UUID never reaches a query.
      for (const payload of payloads.slice(0, 8)) {
        const reply = await session.rso.get(
          `/api/v1/people/${encodeURIComponent(payload)}/exposure`,
        );
        if (reply.status !== 400 && reply.status !== 404)
          failures.push(`GET /people/${payload}/exposure: ${reply.status}`);
      }
      expect(failures).toEqual([]);
      expect(Date.now() - started).toBeLessThan(30_000); // pg_sleep never ran
      const [{ person, appUser }] = await session.sql(
        `SELECT to_regclass('person')::text AS person, to_regclass('app_user')::text AS "appUser"`,
      );
      expect({ person, appUser }).toEqual({ person: 'person', appUser: 'app_user' });
      const [{ count: after }] = await session.sql(`SELECT count(*)::int AS count FROM person`);
      expect(after).toBe(before);
      expect((await session.rso.get('/api/v1/people')).status).toBe(200);
      expect([...seen.keys()].every((status) => status < 500)).toBe(true);
    });
  });
});
