import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { recomputeTotals } from '../src/readings/recompute-totals.js';
import { totalsOf } from './support/fixtures.js';
import { connectPublisher, eventually } from './support/mqtt-publisher.js';
import { iso, messages, startRsoSession, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const MINUTE = 60_000;

/**
 * POST /people/:id/adjustments (DESIGN.md §7): a worker receives 3 mSv effective
 * (trunk badge, Hp(10) registers 1000 then 3000 µSv). +4.5 mSv makes 7.5 mSv: 37.5 % of the
 * EU 20 mSv year limit, a doseLimit warning (30 %). -10 mSv on that day is refused (only
 * 7.5 recorded); -1.5 mSv makes 6 mSv. +2.5 mSv dated in June of last year raises last
 * year's alerts: 12.5 % of the year's limit, a doseLimit notice, and in that quarter over eu's
 * investigation Level II (30 % of 20 / 4 = 1.5 mSv), an alaraQuarter warning.
 */
describe('dose adjustments', () => {
  let session: RsoSession;
  let device: MqttClient;
  let dataSource: DataSource;
  let personId: string;
  let day: string;
  const lastYear = String(new Date().getUTCFullYear() - 1);

  beforeAll(async () => {
    session = await startRsoSession();
    dataSource = session.service.app.get(DataSource);
    device = await connectPublisher();
    const { rso, service } = session;
    personId = await createWorker(rso, { name: 'Adjusted Worker' });
    const start = Date.now() - 30 * MINUTE;
    const serial = await wearBadge(rso, personId, 'trunk', iso(start - MINUTE));
    await publishReadings(service, device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 1000 },
      { seq: 2, measuredAt: iso(start + MINUTE), hp10: 3000 },
    ]);
    day = iso(start + MINUTE).slice(0, 10); // FACILITY_TZ is UTC here
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  const adjust = (body: Record<string, unknown>, id = personId) =>
    session.rso.post(`/api/v1/people/${id}/adjustments`, {
      quantity: 'effective',
      date: day,
      reason: 'test correction',
      ...body,
    });
  const yearDose = async () =>
    (await session.rso.get(`/api/v1/people/${personId}/exposure`)).body.quantities.effective
      .year as number;
  const alertOf = async (kind: string, period: string) => {
    const alerts = (await session.rso.get(`/api/v1/alerts?personId=${personId}&kind=${kind}`))
      .body as { period: string; level: string }[];
    return alerts.find((alert) => alert.period === period);
  };

  it('adds to the totals, audits, and re-evaluates alerts', async () => {
    expect(await yearDose()).toBe(3);
    const created = await adjust({
      doseMSv: 4.5,
      reason: 'Badge worn under the lead apron by mistake',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      personId,
      quantity: 'effective',
      doseMSv: 4.5,
      date: day,
      reason: 'Badge worn under the lead apron by mistake',
      author: session.rsoName,
    });
    expect(await yearDose()).toBe(7.5);
    expect(await totalsOf(dataSource, personId)).toEqual({ effective: 7_500_000n });
    const [audit] = await session.sql(
      `SELECT action, actor, after->>'doseMSv' AS dose FROM audit_log WHERE entity = 'dose_adjustment' AND entity_id = $1`,
      [created.body.id],
    );
    expect(audit).toEqual({ action: 'adjustment.create', actor: session.rsoName, dose: '4.5' });
    const year = day.slice(0, 4);
    const warning = await eventually(async () => {
      const alert = await alertOf('doseLimit', `year:${year}`);
      return alert?.level === 'warning' ? alert : undefined;
    });
    expect(warning).toMatchObject({ valueMSv: 7.5, limitMSv: 20 });
  });

  it('refuses a negative adjustment that would take the day below zero, and keeps nothing of it', async () => {
    const refused = await adjust({ doseMSv: -10 });
    expect(refused.status).toBe(400);
    expect(messages(refused)).toContain('below zero: 7.5 mSv recorded that day');
    const corrected = await adjust({ doseMSv: -1.5, reason: 'Double-counted exposure' });
    expect(corrected.status).toBe(201);
    expect(await yearDose()).toBe(6);
    const list = await session.rso.get<{ doseMSv: number }[]>(
      `/api/v1/people/${personId}/adjustments`,
    );
    expect(list.body.map((a) => a.doseMSv)).toEqual([4.5, -1.5]);
    const [{ n }] = await session.sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'dose_adjustment' AND after->>'personId' = $1`,
      [personId],
    );
    expect(n).toBe(2);
  });

  it('re-evaluates the quarter and year of a back-dated adjustment', async () => {
    const reply = await adjust({ doseMSv: 2.5, date: `${lastYear}-06-15`, reason: 'Lost badge' });
    expect(reply.status).toBe(201);
    const alara = await eventually(() => alertOf('alaraQuarter', `quarter:${lastYear}-Q2`));
    expect(alara).toMatchObject({ level: 'warning', valueMSv: 2.5, limitMSv: 1.5 });
    expect(await alertOf('doseLimit', `year:${lastYear}`)).toMatchObject({ level: 'notice' });
  });

  it('is append-only and keeps totals recomputable from readings and adjustments', async () => {
    await expect(session.sql(`UPDATE dose_adjustment SET dose_nsv = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(session.sql(`DELETE FROM dose_adjustment`)).rejects.toThrow(/append-only/);
    const rows = await session.sql(
      `SELECT day::text AS day, dose_nsv::text AS total, adjustment_nsv::text AS adjustments
         FROM daily_dose WHERE person_id = $1 ORDER BY day`,
      [personId],
    );
    expect(rows).toEqual([
      { day: `${lastYear}-06-15`, total: '2500000', adjustments: '2500000' },
      { day, total: '6000000', adjustments: '3000000' },
    ]);
    const report = await recomputeTotals(dataSource, session.service.config.facilityTz, false);
    expect(report.differences.filter((d) => d.personId === personId)).toEqual([]);
  });

  it('validates the request and is the RSO’s alone', async () => {
    const bad = [
      { quantity: 'bone' },
      { doseMSv: 0 },
      { doseMSv: 0.0000001 },
      { doseMSv: '1' },
      { date: '2026-02-30' },
      { date: '2999-01-01' },
      { reason: '   ' },
      { extra: true },
    ];
    for (const body of bad) expect((await adjust({ doseMSv: 1, ...body })).status).toBe(400);
    expect((await adjust({ doseMSv: 1 }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const technician = await session.technician.post(`/api/v1/people/${personId}/adjustments`, {
      quantity: 'effective',
      doseMSv: 1,
      date: day,
      reason: 'not mine to make',
    });
    expect(technician.status).toBe(403);
    expect(await yearDose()).toBe(6);
  });
});
