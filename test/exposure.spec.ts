import type { MqttClient } from 'mqtt';
import type { ExposureDto } from '../src/exposure/dto/exposure.dto.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { patch, startRsoSession, type RsoSession } from './support/rso-session.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

/**
 * DESIGN.md §2, §5, §8 through the whole service with FACILITY_TZ=Europe/Paris: readings go
 * out over MQTT, totals come back from GET /people/:id/exposure. Paris is UTC+1 in winter
 * (CET) and UTC+2 in summer (CEST, from 2026-03-29 01:00Z to 2026-10-25 01:00Z), so an
 * instant late in the UTC evening is already the next facility day. Every expected number is
 * in mSv and counted by hand below; registers are µSv (1000 µSv = 1 mSv).
 */
describe('exposure periods and limits in the facility time zone', () => {
  let session: RsoSession;
  let device: MqttClient;
  const SINCE_2024 = '2024-01-01T00:00:00Z';

  // A database of its own: the run's shared one holds daily totals on UTC days, and one
  // database has one facility time zone (a change would need npm run recompute-totals).
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase('exposure_paris');
    session = await startRsoSession({ FACILITY_TZ: 'Europe/Paris' }, { databaseUrl: database.url });
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device?.endAsync();
    await session?.service.close();
    await database?.drop();
  });

  const exposure = async (personId: string, at: string) => {
    const reply = await session.rso.get<ExposureDto>(
      `/api/v1/people/${personId}/exposure?at=${encodeURIComponent(at)}`,
    );
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const periods = async (personId: string, at: string, quantity = 'effective') => {
    const { quarter, year, rolling12Months, rolling5Years, lifetime } = (
      await exposure(personId, at)
    ).quantities[quantity];
    return { quarter, year, rolling12Months, rolling5Years, lifetime };
  };
  /** A worker with one trunk badge (hp10 → effective) and these hp10 registers. */
  const trunkWearer = async (body: Record<string, unknown>, hp10: [string, number][]) => {
    const personId = await createWorker(session.rso, body);
    const serial = await wearBadge(session.rso, personId, 'trunk', SINCE_2024);
    const readings = hp10.map(([measuredAt, value], i) => ({
      seq: i + 1,
      measuredAt,
      hp10: value,
    }));
    await publishReadings(session.service, device, serial, readings);
    return personId;
  };

  it('closes the year and the quarters at local midnight, on the offset of the day', async () => {
    // Increments (mSv) and their Paris days:
    //   1 on 2024-06-15; 2 at 2025-12-31T22:30Z = 23:30 CET, 2025-12-31;
    //   4 at 2025-12-31T23:30Z = 00:30 CET, 2026-01-01;
    //   8 at 2026-03-31T21:30Z = 23:30 CEST, 2026-03-31; 16 at 2026-03-31T22:30Z = 00:30 CEST,
    //   2026-04-01 (in UTC, or on a fixed CET offset, it would still be 31 March, quarter 1).
    const id = await trunkWearer({ name: 'Quinn Quarter' }, [
      ['2024-06-15T10:00:00Z', 1_000],
      ['2025-12-31T22:30:00Z', 3_000],
      ['2025-12-31T23:30:00Z', 7_000],
      ['2026-03-31T21:30:00Z', 15_000],
      ['2026-03-31T22:30:00Z', 31_000],
    ]);
    // 23:59:59 on 31 December: 2025 holds only the 2; five years back reach the 1.
    expect(await periods(id, '2025-12-31T22:59:59Z')).toEqual({
      quarter: 2,
      year: 2,
      rolling12Months: 2,
      rolling5Years: 3,
      lifetime: 3,
    });
    // 00:45 on 1 January 2026: a new year and quarter with the 4; 12 months from 2025-01-02.
    expect(await periods(id, '2025-12-31T23:45:00Z')).toEqual({
      quarter: 4,
      year: 4,
      rolling12Months: 6,
      rolling5Years: 7,
      lifetime: 7,
    });
    // 23:59:59 CEST on 31 March: quarter 1 is 4 + 8; 12 months from 2025-04-01: 2 + 4 + 8.
    expect(await periods(id, '2026-03-31T21:59:59Z')).toEqual({
      quarter: 12,
      year: 12,
      rolling12Months: 14,
      rolling5Years: 15,
      lifetime: 15,
    });
    // 00:45 CEST on 1 April: quarter 2 holds the 16; the year 4 + 8 + 16 = 28; 12 months
    // from 2025-04-02: 2 + 4 + 8 + 16 = 30. EU adult limits: 28 / 20 = 1.4, 31 / 100 = 0.31.
    // Projection: the 30 days 2026-03-03..04-01 hold 8 + 16 = 24; 274 days are left after
    // 1 April (29 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31), so 28 + 24 × 274 / 30 = 247.2.
    expect((await exposure(id, '2026-03-31T22:45:00Z')).quantities.effective).toEqual({
      monitored: true,
      quarter: 16,
      year: 28,
      rolling12Months: 30,
      rolling5Years: 31,
      lifetime: 31,
      projectedYearEnd: 247.2,
      limits: [
        { period: '5years', limitMSv: 100, fraction: 0.31 },
        { period: 'year', limitMSv: 20, fraction: 1.4 },
      ],
    });
  });

  it('counts the 25-hour day of the October daylight-saving change as one day', async () => {
    // Paris leaves CEST at 2026-10-25T01:00Z, so 25 October runs from 2026-10-24T22:00Z to
    // 2026-10-25T23:00Z. Increments (mSv): 0.1 at 23:30 CEST on the 24th; on the 25th 0.2
    // (00:30 CEST), 0.4 (02:30 CEST), 0.8 (02:30 CET, the repeated hour), 1.6 (23:30 CET);
    // 3.2 at 00:30 CET on the 26th.
    const id = await trunkWearer({ name: 'Dana Daylight' }, [
      ['2026-10-24T21:30:00Z', 100],
      ['2026-10-24T22:30:00Z', 300],
      ['2026-10-25T00:30:00Z', 700],
      ['2026-10-25T01:30:00Z', 1_500],
      ['2026-10-25T22:30:00Z', 3_100],
      ['2026-10-25T23:30:00Z', 6_300],
    ]);
    expect((await periods(id, '2026-10-24T21:59:59Z')).lifetime).toBe(0.1);
    // 23:59:59 CET on the 25th, 25 hours after it began: everything but the 3.2.
    expect((await periods(id, '2026-10-25T22:59:59Z')).lifetime).toBe(3.1);
    // A year on, 12 months end on a day boundary of 2026: from 2026-10-25 (at 2027-10-24)
    // they hold 0.2 + 0.4 + 0.8 + 1.6 + 3.2 = 6.2; from 2026-10-26 (at 2027-10-25) the 3.2.
    // In UTC these would be 6.0 and 0; on the summer offset throughout, 6.2 and 4.8.
    expect((await periods(id, '2027-10-24T12:00:00Z')).rolling12Months).toBe(6.2);
    expect((await periods(id, '2027-10-25T12:00:00Z')).rolling12Months).toBe(3.2);
  });

  it('compares an EU adult with each of their limits', async () => {
    // Trunk (hp10 2 mSv → effective, hp007 25 → skin), eye (hp3 5 → eye lens) and ring
    // (hp007 100 → extremity), all worn at once: no quantity is summed across badges.
    const id = await createWorker(session.rso, { name: 'Eve Everywhere' });
    const measuredAt = '2026-11-10T10:00:00Z';
    const badges: [string, Record<string, number>][] = [
      ['trunk', { hp10: 2_000, hp007: 25_000 }],
      ['eye', { hp3: 5_000 }],
      ['extremity', { hp007: 100_000 }],
    ];
    for (const [location, registers] of badges) {
      const serial = await wearBadge(session.rso, id, location, SINCE_2024);
      await publishReadings(session.service, device, serial, [
        { seq: 1, measuredAt, ...registers },
      ]);
    }
    const { quantities, profile, category } = await exposure(id, '2026-11-26T10:00:00Z');
    expect({ profile, category }).toEqual({ profile: 'eu', category: 'adult' });
    const limits = (quantity: string) => quantities[quantity].limits;
    expect(limits('effective')).toEqual([
      { period: '5years', limitMSv: 100, fraction: 0.02 },
      { period: 'year', limitMSv: 20, fraction: 0.1 },
    ]);
    expect(limits('eyeLens')).toEqual([
      { period: '5years', limitMSv: 100, fraction: 0.05 },
      { period: 'year', limitMSv: 20, fraction: 0.25 },
    ]);
    expect(limits('skin')).toEqual([{ period: 'year', limitMSv: 500, fraction: 0.05 }]);
    expect(limits('extremity')).toEqual([{ period: 'year', limitMSv: 500, fraction: 0.2 }]);
    expect(limits('fetal')).toEqual([]);
    expect(quantities.fetal).not.toHaveProperty('pregnancy');
  });

  it('gives an EU apprentice 6 mSv a year, and projects a simple year end', async () => {
    // 3 mSv on 10 November. At 26 November the 30 days from 28 October hold those 3; 35 days
    // are left (4 in November, 31 in December): 3 + 3 × 35 / 30 = 6.5. 3 / 6 = 0.5.
    const id = await trunkWearer({ name: 'Avery Apprentice', category: 'apprentice' }, [
      ['2026-11-10T10:00:00Z', 3_000],
    ]);
    const { quantities } = await exposure(id, '2026-11-26T10:00:00Z');
    expect(quantities.effective).toMatchObject({
      year: 3,
      projectedYearEnd: 6.5,
      limits: [{ period: 'year', limitMSv: 6, fraction: 0.5 }],
    });
    expect(quantities.eyeLens.limits).toEqual([{ period: 'year', limitMSv: 15, fraction: 0 }]);
    expect(quantities.skin.limits).toEqual([{ period: 'year', limitMSv: 150, fraction: 0 }]);
    expect(quantities.skin.projectedYearEnd).toBe(0);
  });

  it('gives a US NRC worker 50 mSv a year, replaced or joined by their own limits', async () => {
    // 10 mSv this year: 10 / 50 = 0.2; own limits 20 a year (0.5) and 80 over 5 years (0.125).
    const id = await trunkWearer({ name: 'Noor Nrc', profile: 'us-nrc' }, [
      ['2026-11-10T10:00:00Z', 10_000],
    ]);
    const at = '2026-11-26T10:00:00Z';
    const effectiveLimits = async () => (await exposure(id, at)).quantities.effective.limits;
    expect(await effectiveLimits()).toEqual([{ period: 'year', limitMSv: 50, fraction: 0.2 }]);
    expect((await exposure(id, at)).quantities.eyeLens.limits).toEqual([
      { period: 'year', limitMSv: 150, fraction: 0 },
    ]);
    const own = (period: string, limitMSv: number) =>
      session.rso.send('PUT', `/api/v1/people/${id}/limits`, {
        quantity: 'effective',
        period,
        limitMSv,
        reason: 'Dose constraint of the facility',
      });
    expect((await own('year', 20)).status).toBe(200);
    expect((await own('5years', 80)).status).toBe(200);
    expect(await effectiveLimits()).toEqual([
      { period: '5years', limitMSv: 80, fraction: 0.125 },
      { period: 'year', limitMSv: 20, fraction: 0.5 },
    ]);
    const removed = await session.rso.send('DELETE', `/api/v1/people/${id}/limits/effective/year`);
    expect(removed.status).toBe(204);
    expect(await effectiveLimits()).toEqual([
      { period: '5years', limitMSv: 80, fraction: 0.125 },
      { period: 'year', limitMSv: 50, fraction: 0.2 },
    ]);
  });

  it('counts the fetal dose against 1 mSv from the declaration day to the end', async () => {
    // Fetal badge increments (mSv): 0.2 at 23:30 CEST on 14 June, 0.3 at 00:30 CEST on
    // 15 June, 0.4 on 1 July. Declared at 00:45 CEST on 15 June (22:45Z on the 14th): the
    // period starts on the facility day of 15 June, so it holds 0.3 + 0.4 = 0.7 (counting
    // from the UTC day, 14 June, would give 0.9); 0.7 / 1 = 0.7.
    const id = await createWorker(session.rso, { name: 'Petra Pregnant' });
    const serial = await wearBadge(session.rso, id, 'fetal', '2026-06-01T00:00:00Z');
    await publishReadings(session.service, device, serial, [
      { seq: 1, measuredAt: '2026-06-14T21:30:00Z', hp10: 200 },
      { seq: 2, measuredAt: '2026-06-14T22:30:00Z', hp10: 500 },
      { seq: 3, measuredAt: '2026-07-01T10:00:00Z', hp10: 900 },
    ]);
    const declared = await session.rso.post(`/api/v1/people/${id}/pregnancy`, {
      declaredAt: '2026-06-15T00:45:00+02:00',
    });
    expect(declared.status).toBe(201);
    const before = (await exposure(id, '2026-06-14T12:00:00Z')).quantities;
    expect(before.fetal.limits).toEqual([]);
    expect(before.fetal).not.toHaveProperty('pregnancy');

    const during = (await exposure(id, '2026-07-02T10:00:00Z')).quantities;
    // The fetal record runs within the pregnancy only: no year or lifetime of its own.
    expect(during.fetal).toMatchObject({
      monitored: true,
      pregnancy: 0.7,
      year: null,
      lifetime: null,
      limits: [{ period: 'pregnancy', limitMSv: 1, fraction: 0.7 }],
    });
    expect(during.effective.pregnancy).toBe(0);

    const ended = await patch(session.rso, `/api/v1/people/${id}/pregnancy/${declared.body.id}`, {
      endsAt: '2026-07-02T00:00:00+02:00',
    });
    expect(ended.status).toBe(200);
    const after = (await exposure(id, '2026-07-02T10:00:00Z')).quantities;
    expect(after.fetal.limits).toEqual([]);
    expect(after.fetal).toMatchObject({ monitored: false, lifetime: null });
    expect(after.fetal).not.toHaveProperty('pregnancy');
  });
});
