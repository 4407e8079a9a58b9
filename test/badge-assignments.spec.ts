import { randomUUID } from 'node:crypto';
import type { Http } from './support/http.js';
import {
  DAY,
  iso,
  messages,
  patch,
  startRsoSession,
  unique,
  type RsoSession,
} from './support/rso-session.js';

/** Who wears a badge when (DESIGN.md §8): periods [from, to), overlaps refused by Postgres. */
describe('badge assignments (HTTP, real Postgres)', () => {
  let session: RsoSession;
  let rso: Http;
  let rsoName: string;
  const sql = (query: string, params?: unknown[]) => session.sql(query, params);

  beforeAll(async () => {
    session = await startRsoSession();
    ({ rso, rsoName } = session);
  });
  afterAll(() => session.service.close());

  describe('assignments', () => {
    const serial = unique('A');
    let personId: string;
    const t0 = Date.now() - 30 * DAY;
    const t1 = Date.now() - 10 * DAY;
    const returnedAt = Date.now() - DAY;

    beforeAll(async () => {
      personId = (await rso.post('/api/v1/people', { kind: 'worker', name: 'Wes Wearer' })).body.id;
      await rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    });

    it('assigns, refuses overlaps with 409, and allows an adjacent period', async () => {
      const path = `/api/v1/badges/${serial}/assignments`;
      const first = await rso.post(path, { personId, from: iso(t0), to: iso(t1) });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        badgeSerial: serial,
        personId,
        from: iso(t0),
        to: iso(t1),
        apron: null,
      });

      // Same instant as t0 + 1 day, written with an offset.
      const inside = new Date(t0 + DAY + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
      const overlap = await rso.post(path, { personId, from: inside });
      expect(overlap.status).toBe(409);
      expect(messages(overlap)).toBe(`Badge ${serial} is already assigned during that period`);

      const adjacent = await rso.post(path, { personId, from: iso(t1) });
      expect(adjacent.status).toBe(201);
      expect(adjacent.body).toMatchObject({ from: iso(t1), to: null });
      expect((await rso.get(`/api/v1/badges/${serial}`)).body.currentAssignment).toEqual({
        id: adjacent.body.id,
        personId,
        from: iso(t1),
        apron: null,
      });
      const list = await rso.get(path);
      expect(list.body).toEqual([first.body, adjacent.body]);
    });

    it('validates the period, the person and the badge', async () => {
      const path = `/api/v1/badges/${serial}/assignments`;
      const noZone = await rso.post(path, { personId, from: '2020-01-01T00:00:00' });
      expect(noZone.status).toBe(400);
      expect(messages(noZone)).toContain('from must be an ISO-8601 date-time with a zone');
      const backwards = await rso.post(path, {
        personId,
        from: iso(t0 - DAY),
        to: iso(t0 - 2 * DAY),
      });
      expect(backwards.status).toBe(400);
      expect(messages(backwards)).toBe('to must be later than from');
      expect((await rso.post(path, { personId: 'nobody', from: iso(t0) })).status).toBe(400);
      const ghost = await rso.post(path, {
        personId: randomUUID(),
        from: iso(t0 - 9 * DAY),
        to: iso(t0 - 8 * DAY),
      });
      expect(ghost.status).toBe(404);
      const noBadge = await rso.post('/api/v1/badges/NO-SUCH/assignments', {
        personId,
        from: iso(t0),
      });
      expect(noBadge.status).toBe(404);

      const retired = unique('R');
      await rso.post('/api/v1/badges', { serial: retired, bodyLocation: 'eye' });
      await patch(rso, `/api/v1/badges/${retired}`, { status: 'retired' });
      const refused = await rso.post(`/api/v1/badges/${retired}/assignments`, {
        personId,
        from: iso(t0),
      });
      expect(refused.status).toBe(409);
      expect(messages(refused)).toBe(
        `Badge ${retired} is retired: only an active badge can be assigned`,
      );
    });

    it('returns the badge, closing the open period', async () => {
      const path = `/api/v1/badges/${serial}/return`;
      const early = await rso.post(path, { at: iso(t1) });
      expect(early.status).toBe(400);
      const returned = await rso.post(path, { at: iso(returnedAt) });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({
        badgeSerial: serial,
        personId,
        from: iso(t1),
        to: iso(returnedAt),
      });
      expect((await rso.get(`/api/v1/badges/${serial}`)).body.currentAssignment).toBeNull();
      const nothingOpen = await rso.post(path, { at: iso(Date.now()) });
      expect(nothingOpen.status).toBe(404);
      expect(messages(nothingOpen)).toBe(`Badge ${serial} has no open assignment`);
    });

    it('writes every change, and nothing refused, to the append-only audit log', async () => {
      const entries = await sql(
        `SELECT actor, actor_id, action, before, after FROM audit_log WHERE entity_id = $1 OR after->>'badgeSerial' = $1 ORDER BY id`,
        [serial],
      );
      expect(entries.map((e) => e.action)).toEqual([
        'badge.create',
        'assignment.create',
        'assignment.create',
        'assignment.return',
      ]);
      const [{ id: rsoId }] = await sql('SELECT id FROM app_user WHERE username = $1', [rsoName]);
      expect(entries.map((e) => [e.actor, e.actor_id])).toEqual(Array(4).fill([rsoName, rsoId]));
      expect(entries[0]).toMatchObject({
        before: null,
        after: { serial, bodyLocation: 'trunk', status: 'active' },
      });
      expect(entries[3].before).toMatchObject({ badgeSerial: serial, personId, to: null });
      expect(entries[3].after).toMatchObject({
        badgeSerial: serial,
        personId,
        to: iso(returnedAt),
      });
    });
  });

  it('lets exactly one of two concurrent overlapping assignments through', async () => {
    const serial = unique('C');
    await rso.post('/api/v1/badges', { serial, bodyLocation: 'eye' });
    const personId = (await rso.post('/api/v1/people', { kind: 'worker', name: 'Cy Racer' })).body
      .id;
    const path = `/api/v1/badges/${serial}/assignments`;
    const replies = await Promise.all([
      rso.post(path, { personId, from: iso(Date.now() - 5 * DAY) }),
      rso.post(path, { personId, from: iso(Date.now() - 4 * DAY) }),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409]);
    expect((await rso.get(path)).body).toHaveLength(1);
  });
});
