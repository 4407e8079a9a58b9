import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { reconcile } from '../src/reconcile/reconcile.js';
import { recomputeTotals } from '../src/readings/recompute-totals.js';
import { AlertSubscriber, until } from './support/alert-listeners.js';
import { connectPublisher, eventually } from './support/mqtt-publisher.js';
import { iso, messages, patch, startRsoSession, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const MINUTE = 60_000;

/**
 * Issue 30, item 5: `POST /badges/:serial/return` dated before readings already attributed
 * took a worker's year from 25 000 mSv to 0, audited as a plain return, alerts left open.
 *
 * A worker (EU adult: 20 mSv a year, 100 mSv in five years) wears a trunk badge from t0.
 * Hp(10) registers: 0 µSv at t1, 7 000 µSv at t2, 25 000 000 µSv at t3, so the readings'
 * increments are 0, 7 mSv and 24 993 mSv: 25 000 mSv this year, every doseLimit critical.
 * - Returning the badge at t0 + 1 min (before t1) is refused: it would take 3 readings and
 *   25 000 mSv effective from the record.
 * - Returned at t2 + 1 min as a correction, the last reading leaves: 7 mSv remain, 35 % of the
 *   year limit (a warning, lowered from critical), 7 % of the five years (under the 10 %
 *   notice: resolved). −24 993 mSv is listed as a reattribution with reason and author.
 * - Starting the assignment at t2 + 30 s (a PATCH) takes the first two readings: refused, then
 *   made as a correction; nothing remains, every dose alert of the person is resolved.
 */
describe('shortening an assignment over attributed readings (issue 30, item 5)', () => {
  let session: RsoSession;
  let device: MqttClient;
  let subscriber: AlertSubscriber;
  let dataSource: DataSource;
  let personId: string;
  let serial: string;
  let assignmentId: string;
  const t0 = Date.now() - 40 * MINUTE;
  const [t1, t2, t3] = [t0 + 5 * MINUTE, t0 + 10 * MINUTE, t0 + 20 * MINUTE];
  const day = iso(t3).slice(0, 10); // FACILITY_TZ is UTC here
  const year = day.slice(0, 4);

  beforeAll(async () => {
    session = await startRsoSession();
    dataSource = session.service.app.get(DataSource);
    device = await connectPublisher();
    subscriber = await AlertSubscriber.start(session.service.config.topicPrefix);
    personId = await createWorker(session.rso, { name: 'Corrected Worker' });
    serial = await wearBadge(session.rso, personId, 'trunk', iso(t0));
    assignmentId = (await session.rso.get(`/api/v1/badges/${serial}/assignments`)).body[0].id;
    await publishReadings(session.service, device, serial, [
      { seq: 1, measuredAt: iso(t1), hp10: 0 },
      { seq: 2, measuredAt: iso(t2), hp10: 7_000 },
      { seq: 3, measuredAt: iso(t3), hp10: 25_000_000 },
    ]);
    await eventually(async () =>
      (await doseAlerts()).some((a) => a.period === `year:${year}` && a.level === 'critical')
        ? true
        : undefined,
    );
  });
  afterAll(async () => {
    await subscriber.stop();
    await device.endAsync();
    await session.service.close();
  });

  const yearDose = async () =>
    (await session.rso.get(`/api/v1/people/${personId}/exposure`)).body.quantities.effective
      .year as number;
  const doseAlerts = async () =>
    (
      (await session.rso.get(`/api/v1/alerts?personId=${personId}`)).body as {
        id: string;
        kind: string;
        period: string;
        level: string;
        state: string;
        valueMSv: number;
      }[]
    ).filter((a) => ['doseLimit', 'alaraQuarter', 'projected'].includes(a.kind));
  const assignmentAudits = () =>
    session.sql(
      `SELECT action, after FROM audit_log WHERE entity = 'assignment' AND entity_id = $1 ORDER BY id`,
      [assignmentId],
    );

  it('refuses the return that took the year to 0, naming the readings and dose, and keeps all', async () => {
    const audited = (await assignmentAudits()).length;
    const refused = await session.rso.post(`/api/v1/badges/${serial}/return`, {
      at: iso(t0 + MINUTE),
    });
    expect(refused.status).toBe(409);
    expect(messages(refused)).toContain(`person ${personId}: 3 reading(s), 25000 mSv effective`);
    expect(messages(refused)).toContain('"correction": {"reason": "…"}');
    expect(refused.body).toMatchObject({
      readingsMoved: 3,
      doseMoved: [{ personId, quantity: 'effective', doseMSv: -25000 }],
    });
    expect(await yearDose()).toBe(25000);
    const [assignment] = (await session.rso.get(`/api/v1/badges/${serial}/assignments`)).body;
    expect(assignment.to).toBeNull();
    expect(await assignmentAudits()).toHaveLength(audited);
  });

  it('makes it as a correction: dose listed as moved, audited with reason, alerts lowered or resolved', async () => {
    const reason = 'Badge left on the shelf after the shift; found the next morning';
    const corrected = await session.rso.post(`/api/v1/badges/${serial}/return`, {
      at: iso(t2 + MINUTE),
      correction: { reason },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ to: iso(t2 + MINUTE) });
    expect(await yearDose()).toBe(7);

    const adjustments = await session.rso.get(`/api/v1/people/${personId}/adjustments`);
    expect(adjustments.body).toEqual([
      expect.objectContaining({
        kind: 'reattribution',
        badgeSerial: serial,
        assignmentId,
        quantity: 'effective',
        doseMSv: -24993,
        date: day,
        reason,
        author: session.rsoName,
      }),
    ]);
    const [audit] = (await assignmentAudits()).slice(-1);
    expect(audit).toMatchObject({
      action: 'assignment.correct',
      after: {
        to: iso(t2 + MINUTE),
        correction: {
          of: 'assignment.return',
          reason,
          readingsMoved: 1,
          doseMoved: [{ personId, quantity: 'effective', doseMSv: -24993 }],
          adjustments: [adjustments.body[0].id],
        },
      },
    });

    // 7 of 20 mSv: 35 %, a warning; 7 of 100 mSv: under the 10 % notice; no projection over.
    const receded = await eventually(async () => {
      const alerts = await doseAlerts();
      const yearAlert = alerts.find((a) => a.kind === 'doseLimit' && a.period === `year:${year}`);
      return yearAlert?.level === 'warning' ? alerts : undefined;
    });
    const byPeriod = (kind: string, period: string) =>
      receded.find((a) => a.kind === kind && a.period === period);
    expect(byPeriod('doseLimit', `year:${year}`)).toMatchObject({
      state: 'open',
      valueMSv: 7,
    });
    expect(byPeriod('doseLimit', '5years')).toMatchObject({ state: 'resolved' });
    expect(byPeriod('projected', `year:${year}`)).toMatchObject({ state: 'resolved' });
    // The badge hears it stop: the resolution goes out on the alert's own topic.
    const fiveYears = byPeriod('doseLimit', '5years')!;
    await until(() =>
      subscriber.received.some(
        ({ topic, alert }) =>
          topic.endsWith('/alerts/critical') &&
          alert.id === fiveYears.id &&
          alert.state === 'resolved',
      ),
    );
  });

  it('refuses a later start over attributed readings, then makes it as a correction', async () => {
    const path = `/api/v1/badges/${serial}/assignments/${assignmentId}`;
    const refused = await patch(session.rso, path, { from: iso(t2 + 30_000) });
    expect(refused.status).toBe(409);
    expect(messages(refused)).toContain(`person ${personId}: 2 reading(s), 7 mSv effective`);
    expect(await yearDose()).toBe(7);

    const corrected = await patch(session.rso, path, {
      from: iso(t2 + 30_000),
      correction: { reason: 'Assigned from the wrong day' },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ from: iso(t2 + 30_000), to: iso(t2 + MINUTE) });
    expect(await yearDose()).toBe(0);
    const readings = await session.rso.get(`/api/v1/people/${personId}/readings`);
    expect(readings.body).toEqual({ items: [], nextCursor: null });
    const listed = await session.rso.get<{ doseMSv: number }[]>(
      `/api/v1/people/${personId}/adjustments`,
    );
    expect(listed.body.map((a) => a.doseMSv)).toEqual([-24993, -7]);
    await eventually(async () =>
      (await doseAlerts()).every((a) => a.state === 'resolved') ? true : undefined,
    );
  });

  it('keeps the ledger, recompute-totals and reconcile in agreement', async () => {
    const facilityTz = session.service.config.facilityTz;
    const report = await recomputeTotals(dataSource, facilityTz, false);
    expect(report.differences.filter((d) => d.personId === personId)).toEqual([]);
    const rows = await session.sql(
      `SELECT dose_nsv::text AS total, adjustment_nsv::text AS adjustments FROM daily_dose
        WHERE person_id = $1`,
      [personId],
    );
    expect(rows.every((row) => row.total === '0' && row.adjustments === '0')).toBe(true);
    const found = await reconcile(dataSource, facilityTz);
    expect(found.filter((d) => `${d.subject} ${d.detail}`.includes(personId))).toEqual([]);
  });

  it('still returns a badge without a correction when no reading falls after the date', async () => {
    const other = await createWorker(session.rso, { name: 'Plain Return' });
    const badge = await wearBadge(session.rso, other, 'trunk', iso(t0));
    await publishReadings(session.service, device, badge, [
      { seq: 1, measuredAt: iso(t1), hp10: 500 },
    ]);
    const returned = await session.rso.post(`/api/v1/badges/${badge}/return`, {
      at: iso(t1 + MINUTE),
    });
    expect(returned.status).toBe(200);
    const [audit] = await session.sql(
      `SELECT action FROM audit_log WHERE entity = 'assignment' AND after->>'badgeSerial' = $1 ORDER BY id DESC LIMIT 1`,
      [badge],
    );
    expect(audit).toEqual({ action: 'assignment.return' });
    for (const body of [
      { at: iso(t1), correction: { reason: ' ' } },
      { at: iso(t1), correction: 'typo' },
      { at: iso(t1), correction: { reason: 'x', extra: 1 } },
    ])
      expect((await session.rso.post(`/api/v1/badges/${badge}/return`, body)).status).toBe(400);
  });
});
