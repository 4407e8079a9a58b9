import { randomUUID } from 'node:crypto';
import type { PersonDto } from '../src/people/dto/person.dto.js';
import type { Http } from './support/http.js';
import {
  iso,
  messages,
  patch,
  startRsoSession,
  unique,
  type RsoSession,
} from './support/rso-session.js';
import { TEST_ADMIN } from './support/test-app.js';

describe('people and badges (HTTP, real Postgres)', () => {
  let session: RsoSession;
  let http: Http, admin: Http, rso: Http, technician: Http;
  let rsoName: string;
  const sql = (query: string, params?: unknown[]) => session.sql(query, params);
  const patchedSerial = unique('P');
  const takenEmployeeId = unique('E');

  beforeAll(async () => {
    session = await startRsoSession();
    ({ http, admin, rso, technician, rsoName } = session);
  });
  afterAll(() => session.service.close());

  describe('people', () => {
    it('never deletes a person: their dose record is kept (migration PersonsKept)', async () => {
      const created = await rso.post('/api/v1/people', { kind: 'worker', name: 'Kept Worker' });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      await expect(sql(`DELETE FROM person WHERE id = $1`, [id])).rejects.toThrow(/never deleted/);
      expect(await sql(`SELECT name FROM person WHERE id = $1`, [id])).toEqual([
        { name: 'Kept Worker' },
      ]);
    });

    it('creates a worker and a patient with defaults, and reads them back', async () => {
      const employeeId = unique('E');
      const worker = await rso.post('/api/v1/people', {
        kind: 'worker',
        name: 'Ada Apprentice',
        employeeId,
        category: 'apprentice',
      });
      expect(worker.status).toBe(201);
      expect(worker.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        kind: 'worker',
        name: 'Ada Apprentice',
        employeeId,
        category: 'apprentice',
        profile: 'eu',
        dateOfBirth: null,
        euCategory: null,
        sex: null,
        idType: null,
        createdAt: expect.any(String),
      });
      const patient = await rso.post('/api/v1/people', {
        kind: 'patient',
        name: 'Zed Patient',
        profile: 'us-nrc',
      });
      expect(patient.status).toBe(201);
      expect(patient.body).toMatchObject({
        employeeId: null,
        category: 'adult',
        profile: 'us-nrc',
      });

      expect(await rso.get(`/api/v1/people/${worker.body.id}`)).toEqual({
        status: 200,
        body: worker.body,
      });
      const patients = await rso.get<PersonDto[]>('/api/v1/people?kind=patient');
      expect(patients.status).toBe(200);
      expect(patients.body.map((p) => p.id)).toContain(patient.body.id);
      expect(patients.body.every((p) => p.kind === 'patient')).toBe(true);
      // Ordered by name; other test files add people too, so look at this file's two.
      const ours = [worker.body.id, patient.body.id];
      const ids = (await rso.get<PersonDto[]>('/api/v1/people')).body.map((p) => p.id);
      expect(ids.filter((id) => ours.includes(id))).toEqual(ours);
    });

    it('answers 400 naming the fields, 404 for an unknown id and 409 for a taken employee id', async () => {
      const bad = await rso.post('/api/v1/people', {
        kind: 'robot',
        name: '',
        employeeId: 'x'.repeat(65),
        category: 'child',
        profile: 'mars',
        extra: 1,
      });
      expect(bad.status).toBe(400);
      for (const field of ['kind', 'name', 'employeeId', 'category', 'profile', 'extra'])
        expect(messages(bad)).toContain(field);
      expect((await rso.get('/api/v1/people?kind=alien')).status).toBe(400);
      expect((await rso.get('/api/v1/people/not-a-uuid')).status).toBe(400);
      const missing = await rso.get(`/api/v1/people/${randomUUID()}`);
      expect(missing.status).toBe(404);

      const body = { kind: 'worker', name: 'First', employeeId: takenEmployeeId };
      expect((await rso.post('/api/v1/people', body)).status).toBe(201);
      const again = await rso.post('/api/v1/people', { ...body, name: 'Second' });
      expect(again.status).toBe(409);
      expect(messages(again)).toBe(`A person with employee id ${takenEmployeeId} already exists`);
    });
  });

  describe('badges', () => {
    it('registers a badge whose baseline round-trips exactly in µSv and is stored in nSv', async () => {
      const serial = unique('B');
      const reply = await rso.post('/api/v1/badges', {
        serial,
        bodyLocation: 'collar',
        baseline: { hp10: 1234.567, hp007: 0.001, hp3: 99999.999 },
        calibrationDue: '2027-03-31',
      });
      expect(reply.status).toBe(201);
      const expected = {
        serial,
        bodyLocation: 'collar',
        side: null,
        status: 'active',
        baseline: { hp10: 1234.567, hp007: 0.001, hp3: 99999.999 },
        calibrationDue: '2027-03-31',
        lastSeenAt: null,
        battery: null,
        currentAssignment: null,
      };
      expect(reply.body).toEqual(expected);
      expect(await rso.get(`/api/v1/badges/${serial}`)).toEqual({ status: 200, body: expected });
      const [row] = await sql(
        'SELECT baseline_hp10_nsv, baseline_hp007_nsv, baseline_hp3_nsv FROM badge WHERE serial = $1',
        [serial],
      );
      expect(row).toEqual({
        baseline_hp10_nsv: '1234567',
        baseline_hp007_nsv: '1',
        baseline_hp3_nsv: '99999999',
      });
      const all = await rso.get('/api/v1/badges');
      expect(all.body).toContainEqual(expected);

      const bare = await rso.post('/api/v1/badges', { serial: unique('T'), bodyLocation: 'trunk' });
      expect(bare.body).toMatchObject({
        baseline: { hp10: 0, hp007: 0, hp3: 0 },
        calibrationDue: null,
      });
      const again = await rso.post('/api/v1/badges', { serial, bodyLocation: 'eye' });
      expect(again.status).toBe(409);
      expect(messages(again)).toBe(`Badge ${serial} is already registered`);
    });

    it.each([
      [{ serial: 'a/b' }, 'serial'],
      [{ serial: '+' }, 'serial'],
      [{ serial: '#' }, 'serial'],
      [{ serial: '-leading' }, 'serial'],
      [{ serial: 'x'.repeat(65) }, 'serial'],
      [{ bodyLocation: 'head' }, 'bodyLocation'],
      [{ baseline: { hp10: -0.001 } }, 'baseline.hp10'],
      [{ baseline: { hp007: '5' } }, 'baseline.hp007'],
      [{ baseline: { hp3: 1, gamma: 2 } }, 'gamma'],
      [{ calibrationDue: '2027-02-30' }, 'calibrationDue'],
      [{ calibrationDue: '2027-03-31T00:00:00Z' }, 'calibrationDue'],
    ])('refuses %j with 400 naming %s', async (override, field) => {
      const reply = await rso.post('/api/v1/badges', {
        serial: unique('V'),
        bodyLocation: 'trunk',
        ...override,
      });
      expect(reply.status).toBe(400);
      expect(messages(reply)).toContain(field);
    });

    it('changes status and calibration date, but never location or baseline', async () => {
      const serial = patchedSerial;
      await rso.post('/api/v1/badges', { serial, bodyLocation: 'extremity' });
      const lost = await patch(rso, `/api/v1/badges/${serial}`, {
        status: 'lost',
        calibrationDue: '2028-01-15',
      });
      expect(lost.status).toBe(200);
      expect(lost.body).toMatchObject({ serial, status: 'lost', calibrationDue: '2028-01-15' });
      const cleared = await patch(rso, `/api/v1/badges/${serial}`, { calibrationDue: null });
      expect(cleared.body).toMatchObject({ status: 'lost', calibrationDue: null });
      expect((await patch(rso, `/api/v1/badges/${serial}`, { status: 'broken' })).status).toBe(400);
      const moved = await patch(rso, `/api/v1/badges/${serial}`, { bodyLocation: 'eye' });
      expect(moved.status).toBe(400);
      expect(messages(moved)).toContain('bodyLocation');
      expect((await patch(rso, `/api/v1/badges/${serial}`, { baseline: { hp10: 1 } })).status).toBe(
        400,
      );
      expect((await patch(rso, '/api/v1/badges/NO-SUCH', { status: 'active' })).status).toBe(404);
      expect((await rso.get('/api/v1/badges/NO-SUCH')).status).toBe(404);
    });
  });

  it('writes every change, and nothing refused, to the append-only audit log', async () => {
    const updates = await sql(
      `SELECT actor, action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [patchedSerial],
    );
    // badge.create, then the two PATCHes that changed something; refused PATCHes left nothing.
    expect(updates.map((e) => e.action)).toEqual(['badge.create', 'badge.update', 'badge.update']);
    expect(updates[1].before).toMatchObject({ status: 'active', calibrationDue: null });
    expect(updates[1].after).toMatchObject({ status: 'lost', calibrationDue: '2028-01-15' });
    expect(updates[2].after).toMatchObject({ status: 'lost', calibrationDue: null });
    // One person.create for the taken employee id: the refused duplicate left nothing.
    const people = await sql(
      `SELECT actor, after FROM audit_log WHERE action = 'person.create' AND after->>'employeeId' = $1`,
      [takenEmployeeId],
    );
    expect(people).toEqual([
      { actor: rsoName, after: expect.objectContaining({ name: 'First', kind: 'worker' }) },
    ]);
    const [user] = await sql(
      `SELECT actor, after FROM audit_log WHERE action = 'user.create' AND after->>'username' = $1`,
      [rsoName],
    );
    expect(user).toMatchObject({
      actor: TEST_ADMIN.username,
      after: { username: rsoName, role: 'rso' },
    });
    expect(JSON.stringify(user.after)).not.toMatch(/argon2|password/i);

    await expect(sql(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    expect((await sql(`SELECT count(*)::int AS n FROM audit_log WHERE actor = 'x'`))[0].n).toBe(0);
  });

  describe('access', () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/v1/people', { kind: 'worker', name: 'X' }],
      ['GET', '/api/v1/people'],
      ['GET', `/api/v1/people/${randomUUID()}`],
      ['POST', '/api/v1/badges', { serial: 'ACCESS-1', bodyLocation: 'trunk' }],
      ['GET', '/api/v1/badges'],
      ['GET', '/api/v1/badges/ACCESS-1'],
      ['PATCH', '/api/v1/badges/ACCESS-1', { status: 'lost' }],
      ['POST', '/api/v1/badges/ACCESS-1/assignments', { personId: randomUUID(), from: iso(0) }],
      ['GET', '/api/v1/badges/ACCESS-1/assignments'],
      ['POST', '/api/v1/badges/ACCESS-1/return', { at: iso(0) }],
    ];

    it('refuses technicians and admins (403) and callers without a token (401)', async () => {
      const statuses = async (client: Http) => {
        const seen: string[] = [];
        for (const [method, path, body] of routes)
          seen.push(`${method} ${path} ${(await client.send(method, path, body)).status}`);
        return seen;
      };
      const expected = (status: number) => routes.map(([m, path]) => `${m} ${path} ${status}`);
      expect(await statuses(technician)).toEqual(expected(403));
      expect(await statuses(admin)).toEqual(expected(403));
      expect(await statuses(http)).toEqual(expected(401));
      expect(await sql(`SELECT 1 FROM badge WHERE serial = 'ACCESS-1'`)).toEqual([]);
    });
  });
});
