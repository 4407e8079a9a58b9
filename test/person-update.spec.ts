import type { MqttClient } from 'mqtt';
import type { ExposureDto } from '../src/exposure/dto/exposure.dto.js';
import type { PersonDto } from '../src/people/dto/person.dto.js';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { recomputeTotals } from '../src/readings/recompute-totals.js';
import { totalsOf } from './support/fixtures.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import {
  messages,
  patch,
  startRsoSession,
  unique,
  type RsoSession,
} from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

/**
 * PATCH /people/:id (DESIGN.md §4, §5, §7): a new limit profile brings its two-badge formula,
 * so the person's readings are re-derived in the same transaction. A worker wears a trunk
 * badge (hp10 increment 1000 µSv) and a collar badge (hp10 2000, hp007 2100, hp3 2200 µSv):
 * - eu (Niklason, 0.94 and 0.06): E = 0.94 × 1000 + 0.06 × 2000 = 940 + 120 = 1060 µSv = 1.06 mSv;
 * - us-nrc (Webster, 1.5 and 0.04): E = 1.5 × 1000 + 0.04 × 2000 = 1580 µSv = 1.58 mSv;
 * skin (collar hp007, 2.1 mSv) and eye lens (collar hp3, 2.2 mSv) do not depend on it.
 */
describe('changing a person', () => {
  let session: RsoSession;
  let device: MqttClient;

  beforeAll(async () => {
    session = await startRsoSession();
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  const audit = (id: string) =>
    session.sql(
      `SELECT action, before, after FROM audit_log WHERE entity_id = $1 AND action = 'person.update' ORDER BY id`,
      [id],
    );

  it('re-derives the two-badge effective dose when the profile changes', async () => {
    const { rso, service } = session;
    const dataSource = service.app.get(DataSource);
    const id = await createWorker(rso, { name: 'Kai Cardiology' });
    const from = '2026-09-01T00:00:00Z';
    const measuredAt = '2026-09-02T10:00:00Z';
    const trunk = await wearBadge(rso, id, 'trunk', from);
    const collar = await wearBadge(rso, id, 'collar', from);
    await publishReadings(service, device, trunk, [{ seq: 1, measuredAt, hp10: 1000 }]);
    await publishReadings(service, device, collar, [
      { seq: 1, measuredAt, hp10: 2000, hp007: 2100, hp3: 2200 },
    ]);
    const effective = async () =>
      (await rso.get<ExposureDto>(`/api/v1/people/${id}/exposure?at=2026-09-03T00:00:00Z`)).body
        .quantities.effective;
    expect(await effective()).toMatchObject({
      lifetime: 1.06,
      limits: [
        { period: '5years', limitMSv: 100, fraction: 0.0106 },
        { period: 'year', limitMSv: 20, fraction: 0.053 },
      ],
    });
    expect(await totalsOf(dataSource, id)).toEqual({
      effective: 1_060_000n,
      skin: 2_100_000n,
      eyeLens: 2_200_000n,
    });

    const changed = await patch(rso, `/api/v1/people/${id}`, { profile: 'us-nrc' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, profile: 'us-nrc', category: 'adult' });
    // 1.58 / 50 = 0.0316.
    expect(await effective()).toMatchObject({
      lifetime: 1.58,
      limits: [{ period: 'year', limitMSv: 50, fraction: 0.0316 }],
    });
    expect(await totalsOf(dataSource, id)).toEqual({
      effective: 1_580_000n,
      skin: 2_100_000n,
      eyeLens: 2_200_000n,
    });
    const doses = await session.sql(
      `SELECT badge_serial, effective_nsv::text AS e FROM reading WHERE person_id = $1 ORDER BY badge_serial`,
      [id],
    );
    expect(Object.fromEntries(doses.map((row) => [row.badge_serial, row.e]))).toEqual({
      [trunk]: '1500000',
      [collar]: '80000',
    });
    // The stored doses are what a rebuild from scratch derives.
    const report = await recomputeTotals(dataSource, service.config.facilityTz, false);
    expect(report).toMatchObject({ readingsChanged: 0, differences: [] });
    expect(await audit(id)).toEqual([
      {
        action: 'person.update',
        before: expect.objectContaining({ profile: 'eu' }),
        after: expect.objectContaining({ profile: 'us-nrc' }),
      },
    ]);
  });

  it('changes name, staff number and category; an unchanged PATCH writes nothing', async () => {
    const { rso } = session;
    const id = await createWorker(rso, { name: 'Sam Student', employeeId: unique('E') });
    const employeeId = unique('E');
    const reply = await patch(rso, `/api/v1/people/${id}`, {
      name: 'Sam Apprentice',
      employeeId,
      category: 'apprentice',
    });
    expect(reply.body).toEqual({
      id,
      kind: 'worker',
      name: 'Sam Apprentice',
      employeeId,
      category: 'apprentice',
      profile: 'eu',
      dateOfBirth: null,
      euCategory: null,
      sex: null,
      idType: null,
      createdAt: expect.any(String),
    });
    expect(await rso.get(`/api/v1/people/${id}`)).toEqual({ status: 200, body: reply.body });
    const limits = (await rso.get(`/api/v1/people/${id}/exposure`)).body.quantities.effective
      .limits;
    expect(limits).toEqual([{ period: 'year', limitMSv: 6, fraction: 0 }]);
    const cleared = await patch(rso, `/api/v1/people/${id}`, { employeeId: null });
    expect(cleared.body.employeeId).toBeNull();
    expect((await patch(rso, `/api/v1/people/${id}`, { name: 'Sam Apprentice' })).status).toBe(200);
    const updates = (await audit(id)) as { before: PersonDto; after: PersonDto }[];
    expect(updates.map((row) => [row.before.employeeId, row.after.employeeId])).toEqual([
      [expect.any(String), employeeId],
      [employeeId, null],
    ]);
  });

  it('answers 400 naming the fields, 404 and 409, and refuses non-RSOs', async () => {
    const { rso } = session;
    const id = await createWorker(rso, { name: 'Ray Refused' });
    const bad = await patch(rso, `/api/v1/people/${id}`, {
      name: '',
      category: 'child',
      profile: 'mars',
      kind: 'patient',
    });
    expect(bad.status).toBe(400);
    for (const field of ['name', 'category', 'profile', 'kind'])
      expect(messages(bad)).toContain(field);
    expect((await patch(rso, `/api/v1/people/${id}`, { name: null })).status).toBe(400);
    // eu keeps limits for apprentices (16-18), not for the NRC's minors: no limits, refused.
    const minor = await patch(rso, `/api/v1/people/${id}`, { category: 'minor' });
    expect(minor.status).toBe(400);
    expect(messages(minor)).toBe('Limit profile eu has no limits for category minor');
    const created = await rso.post('/api/v1/people', {
      kind: 'worker',
      name: 'M',
      category: 'minor',
    });
    expect(messages(created)).toBe('Limit profile eu has no limits for category minor');
    expect((await patch(rso, `/api/v1/people/${randomUUID()}`, { name: 'X' })).status).toBe(404);
    const taken = unique('E');
    await createWorker(rso, { name: 'Other', employeeId: taken });
    const conflict = await patch(rso, `/api/v1/people/${id}`, { employeeId: taken });
    expect(conflict.status).toBe(409);
    expect(messages(conflict)).toBe(`A person with employee id ${taken} already exists`);
    expect((await patch(session.technician, `/api/v1/people/${id}`, { name: 'X' })).status).toBe(
      403,
    );
    expect(await audit(id)).toEqual([]);
  });
});
