import type { MqttClient } from 'mqtt';
import { randomUUID } from 'node:crypto';
import type { ReadingPageDto } from '../src/readings/dto/reading-list.dto.js';
import { DataSource } from 'typeorm';
import { recomputeTotals } from '../src/readings/recompute-totals.js';
import { insertAssignment } from './support/fixtures.js';
import type { Http } from './support/http.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { messages, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

/**
 * GET /people/:id/readings and /me/readings (DESIGN.md §7, §8). The technician's person wears
 * a trunk badge (serial `RA-…`) and a ring (`RB-…`); readings go out over MQTT:
 *   RA #1 08:00 hp10 10, hp007 12, 1.5 µSv/h, 90 %   → increments 10, 12
 *   RA #2 09:00 hp10 25.5, hp007 30                  → 15.5, 18
 *   RA #3 10:00 hp10 5, hp007 6 (registers went down) → reset: 5, 6
 *   RA #4 10:00 hp10 7, hp007 9                      → 2, 3
 *   RB #1 10:00 hp007 40                              → 40 (extremity)
 *   RB #2 11:00 hp007 100                             → 60
 * Newest first, ties by badge then seq: RB#2, RA#3, RA#4, RB#1, RA#2, RA#1.
 */
describe('readings API', () => {
  let session: RsoSession;
  let device: MqttClient;
  let rso: Http, technician: Http;
  let own: string, other: string;
  const tag = randomUUID().slice(0, 6);
  const [trunk, ring] = [`RA-${tag}`, `RB-${tag}`];
  const day = (time: string) => `2026-02-01T${time}:00.000Z`;
  const order = (body: { items: { badgeSerial: string; seq: number }[] }) =>
    body.items.map((r) => `${r.badgeSerial.slice(0, 2)}#${r.seq}`);
  const ALL = ['RB#2', 'RA#3', 'RA#4', 'RB#1', 'RA#2', 'RA#1'];

  beforeAll(async () => {
    session = await startRsoSession();
    ({ rso, technician } = session);
    device = await connectPublisher();
    own = (await technician.get('/api/v1/me/exposure')).body.personId;
    const since = '2026-01-01T00:00:00Z';
    await wearBadge(rso, own, 'trunk', since, trunk);
    await wearBadge(rso, own, 'extremity', since, ring);
    await publishReadings(session.service, device, trunk, [
      { seq: 1, measuredAt: day('08:00'), hp10: 10, hp007: 12, doseRate: 1.5, battery: 90 },
      { seq: 2, measuredAt: day('09:00'), hp10: 25.5, hp007: 30 },
      { seq: 3, measuredAt: day('10:00'), hp10: 5, hp007: 6 },
      { seq: 4, measuredAt: day('10:00'), hp10: 7, hp007: 9 },
    ]);
    await publishReadings(session.service, device, ring, [
      { seq: 1, measuredAt: day('10:00'), hp007: 40 },
      { seq: 2, measuredAt: day('11:00'), hp007: 100 },
    ]);
    other = await createWorker(rso, { name: 'Olive Other' });
    const theirs = await wearBadge(rso, other, 'trunk', since);
    await publishReadings(session.service, device, theirs, [
      { seq: 1, measuredAt: day('09:30'), hp10: 50 },
    ]);
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  it('lists the person’s readings newest first with registers, increments and doses', async () => {
    const reply = await rso.get<ReadingPageDto>(`/api/v1/people/${own}/readings`);
    expect(reply.status).toBe(200);
    expect(order(reply.body)).toEqual(ALL);
    expect(reply.body.nextCursor).toBeNull();
    const nulls = { effective: null, skin: null, eyeLens: null, extremity: null, fetal: null };
    const bySeq = (serial: string, seq: number) =>
      reply.body.items.find((r) => r.badgeSerial === serial && r.seq === seq);
    expect(bySeq(trunk, 1)).toEqual({
      badgeSerial: trunk,
      bodyLocation: 'trunk',
      seq: 1,
      measuredAt: day('08:00'),
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      registers: { hp10: 10, hp007: 12, hp3: null },
      increments: { hp10: 10, hp007: 12, hp3: null },
      reset: false,
      doseRate: 1.5,
      battery: 90,
      doses: { ...nulls, effective: 0.01, skin: 0.012 },
    });
    expect(bySeq(trunk, 2)).toMatchObject({
      increments: { hp10: 15.5, hp007: 18, hp3: null },
      doseRate: null,
      battery: null,
      doses: { ...nulls, effective: 0.0155, skin: 0.018 },
    });
    expect(bySeq(trunk, 3)).toMatchObject({
      registers: { hp10: 5, hp007: 6, hp3: null },
      increments: { hp10: 5, hp007: 6, hp3: null },
      reset: true,
    });
    expect(bySeq(ring, 2)).toMatchObject({
      bodyLocation: 'extremity',
      registers: { hp10: null, hp007: 100, hp3: null },
      increments: { hp10: null, hp007: 60, hp3: null },
      doses: { ...nulls, extremity: 0.06 },
    });
    expect(await technician.get('/api/v1/me/readings')).toEqual(reply);
  });

  it('pages with the cursor across readings measured at the same instant', async () => {
    const pages = async (limit: number, query = '') => {
      const seen: string[][] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${cursor}` : '';
        const reply = await rso.get(
          `/api/v1/people/${own}/readings?limit=${limit}${query}${after}`,
        );
        expect(reply.status).toBe(200);
        seen.push(order(reply.body));
        cursor = reply.body.nextCursor;
        if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      } while (cursor && seen.length < 10);
      return seen;
    };
    expect(await pages(2)).toEqual([ALL.slice(0, 2), ALL.slice(2, 4), ALL.slice(4, 6)]);
    expect(await pages(1)).toEqual(ALL.map((r) => [r]));
    expect(await pages(5)).toEqual([ALL.slice(0, 5), ALL.slice(5)]);
    expect(await pages(6)).toEqual([ALL]);
    // from is inclusive, to exclusive: 09:00 ≤ measuredAt < 11:00.
    const window = `&from=${encodeURIComponent(day('09:00'))}&to=${encodeURIComponent(day('11:00'))}`;
    expect(await pages(3, window)).toEqual([['RA#3', 'RA#4', 'RB#1'], ['RA#2']]);
    const since = `&from=${encodeURIComponent('2026-02-01T10:30:00+01:00')}`; // 09:30Z
    expect(await pages(100, since)).toEqual([['RB#2', 'RA#3', 'RA#4', 'RB#1']]);
  });

  it('pages 100 by default and at most 1000', async () => {
    const id = await createWorker(rso, { name: 'Bea Backlog' });
    const serial = unique('BL');
    // Read side only: 1001 readings of 1 µSv, one a minute on 1 March, stored as ingestion
    // stores them (assignment, increments, doses and the day's total), so that the run's
    // recompute-totals checks find this database consistent.
    await session.sql(`INSERT INTO badge (serial, body_location) VALUES ($1, 'trunk')`, [serial]);
    await insertAssignment(session.service.app.get(DataSource), serial, id);
    await session.sql(
      `INSERT INTO reading (badge_serial, seq, measured_at, hp10_nsv, inc_hp10_nsv, effective_nsv, person_id)
       SELECT $1, n, timestamptz '2026-03-01T00:00:00Z' + n * interval '1 minute', n * 1000, 1000, 1000, $2
         FROM generate_series(1, 1001) AS n`,
      [serial, id],
    );
    await session.sql(
      `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv) VALUES ($1, 'effective', '2026-03-01', 1001000)`,
      [id],
    );
    const first = await rso.get<ReadingPageDto>(`/api/v1/people/${id}/readings`);
    expect(first.body.items.map((r) => r.seq)).toEqual(
      Array.from({ length: 100 }, (_, i) => 1001 - i),
    );
    const big = await rso.get(`/api/v1/people/${id}/readings?limit=1000`);
    expect(big.body.items).toHaveLength(1000);
    const rest = await rso.get(
      `/api/v1/people/${id}/readings?limit=1000&cursor=${big.body.nextCursor}`,
    );
    expect(rest.body).toEqual({ items: [expect.objectContaining({ seq: 1 })], nextCursor: null });
    const report = await recomputeTotals(
      session.service.app.get(DataSource),
      session.service.config.facilityTz,
      false,
    );
    expect(report).toMatchObject({ readingsChanged: 0, differences: [] });
  });

  it.each([
    ['from=2026-02-01T09:00:00', 'from'],
    ['to=yesterday', 'to'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not%20a%20cursor', 'cursor'],
    [`cursor=${Buffer.from('["x"]').toString('base64url')}`, 'cursor'],
    ['from=2026-02-01T10:00:00Z&to=2026-02-01T10:00:00Z', 'to must be later than from'],
    ['colour=red', 'colour'],
  ])('refuses ?%s with 400 naming %s', async (query, field) => {
    const reply = await rso.get(`/api/v1/people/${own}/readings?${query}`);
    expect(reply.status).toBe(400);
    expect(messages(reply)).toContain(field);
  });

  it('lets a technician read only their own person; another id answers as an unknown one', async () => {
    const { admin, http } = session;
    expect((await technician.get(`/api/v1/people/${own}/readings`)).status).toBe(200);
    expect((await technician.get(`/api/v1/people/${own}/exposure`)).status).toBe(200);
    for (const what of ['readings', 'exposure']) {
      const theirs = await technician.get(`/api/v1/people/${other}/${what}`);
      const nobody = randomUUID();
      const unknown = await technician.get(`/api/v1/people/${nobody}/${what}`);
      expect(theirs).toEqual({
        status: 404,
        body: expect.objectContaining({ message: `Person ${other} not found` }),
      });
      expect(unknown.status).toBe(404);
      expect(messages(unknown)).toBe(`Person ${nobody} not found`);
    }
    const theirs = await rso.get<ReadingPageDto>(`/api/v1/people/${other}/readings`);
    expect(theirs.body.items.map((r) => [r.seq, r.doses.effective])).toEqual([[1, 0.05]]);
    expect((await rso.get(`/api/v1/people/${randomUUID()}/readings`)).status).toBe(404);
    expect((await rso.get('/api/v1/me/readings')).status).toBe(403);
    expect((await admin.get(`/api/v1/people/${own}/readings`)).status).toBe(403);
    expect((await admin.get('/api/v1/me/readings')).status).toBe(403);
    expect((await http.get(`/api/v1/people/${own}/readings`)).status).toBe(401);
    expect((await http.get('/api/v1/me/readings')).status).toBe(401);
  });
});
