import type { MqttClient } from 'mqtt';
import { AlertEvaluator } from '../src/alerts/alert-evaluator.service.js';
import { stopAlertSchedule } from './support/alert-listeners.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { pdfTexts } from './support/pdf-check.js';
import { iso, messages, startRsoSession, type RsoSession } from './support/rso-session.js';
import { runCli } from './support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const MINUTE = 60_000;
const dayBefore = (day: string): string => iso(Date.parse(`${day}T00:00:00Z`) - 1).slice(0, 10);
const RECOMPUTE = 'readings/recompute-totals.cli.js';
const RECONCILE = 'reconcile/reconcile.cli.js';

/**
 * Dose no badge here measured (DESIGN.md §4, §8), on a database of the test's own so the
 * operators' commands can run on it. A worker (`eu` adult: 20 mSv a year effective) wears a
 * trunk badge: Hp(10) registers 1000 then 2000 µSv give 2 mSv effective on day D. A +1.5 mSv
 * correction that day makes 3.5 mSv (17.5 %: doseLimit notice). A prior dose from another
 * employer of 3 mSv effective, 1.25 mSv skin and 0 extremity, for 1 January to D, is booked
 * on D: the year's effective dose becomes 2 + 1.5 + 3 = 6.5 mSv (32.5 %: warning, level 30 %),
 * its skin 1.25 mSv. An estimate for a lost badge in March of last year (0.25 mSv effective,
 * 0.4 mSv eye lens) is booked on its 31st: lifetime effective 6.75 mSv.
 */
describe('prior doses and dose estimates', () => {
  let scratch: ScratchDatabase;
  let session: RsoSession;
  let device: MqttClient;
  let personId: string;
  let day: string;
  let year: string;
  let lastYear: string;
  let priorDoseId: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase('not_measured');
    session = await startRsoSession({}, { databaseUrl: scratch.url });
    stopAlertSchedule(session.service);
    device = await connectPublisher();
    const { rso, service } = session;
    personId = await createWorker(rso, { name: 'Priya Prior' });
    const start = Date.now() - 30 * MINUTE;
    const serial = await wearBadge(rso, personId, 'trunk', iso(start - MINUTE));
    await publishReadings(service, device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 1000 },
      { seq: 2, measuredAt: iso(start + MINUTE), hp10: 2000 },
    ]);
    day = iso(start + MINUTE).slice(0, 10); // FACILITY_TZ is UTC here
    year = day.slice(0, 4);
    lastYear = String(Number(year) - 1);
    const corrected = await rso.post(`/api/v1/people/${personId}/adjustments`, {
      quantity: 'effective',
      doseMSv: 1.5,
      date: day,
      reason: 'Badge worn under the apron',
    });
    expect(corrected.status).toBe(201);
    await idle();
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
    await scratch.drop();
  });

  const idle = () => session.service.app.get(AlertEvaluator).idle();
  const priorDose = (body: Record<string, unknown> = {}, id = personId) =>
    session.rso.post(`/api/v1/people/${id}/prior-doses`, {
      employer: 'St. Elsewhere Hospital',
      from: `${year}-01-01`,
      to: day,
      quantities: { effective: 3, skin: 1.25, extremity: 0 },
      sourceDocument: `NRC Form 5 from St. Elsewhere Hospital, ${year}`,
      ...body,
    });
  const estimate = (body: Record<string, unknown> = {}, id = personId) =>
    session.rso.post(`/api/v1/people/${id}/dose-estimates`, {
      from: `${lastYear}-03-01`,
      to: `${lastYear}-03-31`,
      method: 'coworkerAverage',
      reason: 'lost',
      quantities: { effective: 0.25, eyeLens: 0.4 },
      note: 'Mean of the two colleagues on the same fluoroscopy list',
      ...body,
    });
  const exposure = async () =>
    (await session.rso.get(`/api/v1/people/${personId}/exposure`)).body.quantities as Record<
      string,
      Record<string, unknown>
    >;
  const yearAlert = async () => {
    const alerts = (await session.rso.get(`/api/v1/alerts?personId=${personId}&kind=doseLimit`))
      .body as { period: string; level: string; valueMSv: number }[];
    return alerts.find((alert) => alert.period === `year:${year}`);
  };
  const totals = () =>
    session.sql(
      `SELECT quantity, day::text AS day, dose_nsv::text AS total, adjustment_nsv::text AS adjustments
         FROM daily_dose WHERE person_id = $1 ORDER BY day, quantity`,
      [personId],
    );

  it('counts a prior dose in the year and raises the doseLimit level it crosses', async () => {
    expect((await exposure()).effective.year).toBe(3.5);
    expect(await yearAlert()).toMatchObject({ level: 'notice' });
    const created = await priorDose();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      personId,
      employer: 'St. Elsewhere Hospital',
      from: `${year}-01-01`,
      to: day,
      bookedOn: day,
      quantities: { effective: 3, skin: 1.25, extremity: 0 },
      author: session.rsoName,
    });
    priorDoseId = created.body.id as string;
    await idle();
    const quantities = await exposure();
    expect(quantities.effective).toMatchObject({
      year: 6.5,
      notMeasured: { year: { priorMSv: 3, estimatedMSv: 0 } },
    });
    // A zero given for a quantity flags its periods without adding dose.
    expect(quantities.extremity).toMatchObject({
      year: 0,
      notMeasured: { year: { priorMSv: 0, estimatedMSv: 0 } },
    });
    expect(quantities.skin.year).toBe(1.25);
    expect(quantities.eyeLens.notMeasured).toBeUndefined();
    expect(await yearAlert()).toMatchObject({ level: 'warning', valueMSv: 6.5, limitMSv: 20 });
  });

  it('counts an estimate on the last day of its period, in that year', async () => {
    const created = await estimate();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      method: 'coworkerAverage',
      reason: 'lost',
      bookedOn: `${lastYear}-03-31`,
      quantities: { effective: 0.25, eyeLens: 0.4 },
    });
    await idle();
    const quantities = await exposure();
    expect(quantities.effective).toMatchObject({
      year: 6.5,
      lifetime: 6.75,
      notMeasured: {
        year: { priorMSv: 3, estimatedMSv: 0 },
        lifetime: { priorMSv: 3, estimatedMSv: 0.25 },
      },
    });
    expect(quantities.eyeLens).toMatchObject({
      year: 0,
      lifetime: 0.4,
      notMeasured: { lifetime: { priorMSv: 0, estimatedMSv: 0.4 } },
    });
    expect(quantities.eyeLens.notMeasured).not.toHaveProperty('year');
    expect(await totals()).toEqual([
      { quantity: 'effective', day: `${lastYear}-03-31`, total: '250000', adjustments: '250000' },
      { quantity: 'eyeLens', day: `${lastYear}-03-31`, total: '400000', adjustments: '400000' },
      { quantity: 'effective', day, total: '6500000', adjustments: '4500000' },
      { quantity: 'skin', day, total: '1250000', adjustments: '1250000' },
    ]);
  });

  it('lists them to the RSO and to that person, and their ledger entries among the adjustments', async () => {
    const priors = await session.rso.get(`/api/v1/people/${personId}/prior-doses`);
    expect(priors.body).toEqual([expect.objectContaining({ id: priorDoseId })]);
    const estimates = await session.rso.get(`/api/v1/people/${personId}/dose-estimates`);
    expect(estimates.body).toEqual([expect.objectContaining({ reason: 'lost' })]);
    const adjustments = await session.rso.get<
      { kind: string; quantity: string; sourceId: string }[]
    >(`/api/v1/people/${personId}/adjustments`);
    expect(adjustments.body.map((a) => [a.kind, a.quantity])).toEqual([
      ['estimate', 'effective'],
      ['estimate', 'eyeLens'],
      ['correction', 'effective'],
      ['priorDose', 'effective'],
      ['priorDose', 'skin'],
    ]);
    expect(adjustments.body[3].sourceId).toBe(priorDoseId);
    const own = (await session.technician.get('/api/v1/me/exposure')).body.personId as string;
    for (const path of ['prior-doses', 'dose-estimates']) {
      expect((await session.technician.get(`/api/v1/people/${own}/${path}`)).body).toEqual([]);
      expect((await session.technician.get(`/api/v1/people/${personId}/${path}`)).status).toBe(404);
    }
  });

  it('writes both to the audit log', async () => {
    const entries = await session.sql(
      `SELECT action, entity, actor, after->'quantities'->>'effective' AS effective
         FROM audit_log WHERE entity IN ('prior_dose', 'dose_estimate') AND after->>'personId' = $1
        ORDER BY id`,
      [personId],
    );
    expect(entries).toEqual([
      { action: 'priorDose.create', entity: 'prior_dose', actor: session.rsoName, effective: '3' },
      {
        action: 'doseEstimate.create',
        entity: 'dose_estimate',
        actor: session.rsoName,
        effective: '0.25',
      },
    ]);
    await expect(session.sql(`UPDATE prior_dose SET employer = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(session.sql(`DELETE FROM dose_estimate`)).rejects.toThrow(/append-only/);
  });

  it('marks the dose records that include them', async () => {
    // Priya is an `eu` worker: the EU record counts every undertaking's dose, apart.
    const record = await session.rso.get(`/api/v1/reports/people/${personId}/dose-record`);
    expect(record.body).toMatchObject({
      includesOtherUndertakings: true,
      includesEstimate: false,
      doses: expect.arrayContaining([
        expect.objectContaining({
          quantity: 'effective',
          mSv: 6.5,
          thisUndertakingMSv: 3.5,
          otherUndertakingsMSv: 3,
          estimatedMSv: 0,
          adjustmentsMSv: 4.5,
        }),
        expect.objectContaining({ quantity: 'skin', mSv: 1.25, thisUndertakingMSv: 0 }),
      ]),
      priorDoses: [expect.objectContaining({ id: priorDoseId })],
      doseEstimates: [],
    });
    const last = await session.rso.get(
      `/api/v1/reports/people/${personId}/dose-record?year=${lastYear}`,
    );
    expect(last.body).toMatchObject({
      includesOtherUndertakings: false,
      includesEstimate: true,
      doses: expect.arrayContaining([
        expect.objectContaining({ quantity: 'eyeLens', mSv: 0.4, estimatedMSv: 0.4 }),
      ]),
    });
    const pdf = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-record?format=pdf`,
    );
    expect(pdfTexts(pdf.body)).toEqual(
      expect.arrayContaining([
        'Includes dose received at other undertakings (listed below)',
        'Prior dose from other employers (10 CFR 20.2104)',
        'St. Elsewhere Hospital',
      ]),
    );
    const history = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-history?format=csv`,
    );
    const lines = history.body.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/,effective_other_undertakings_msv,effective_estimated_msv$/);
    // Priya is an `eu` worker: the EU history, a line per year, every undertaking's dose.
    expect(lines.slice(1).map((line) => line.split(',').slice(6))).toEqual([
      ['0.25', '0.4', '', '', '', '0', '0.25'],
      ['6.5', '', '1.25', '', '', '3', '0'],
    ]);
  });

  it('validates the request and is the RSO’s to make', async () => {
    const badPriors: [Record<string, unknown>, RegExp][] = [
      [{ quantities: { effective: -1 } }, /effective must not be less than 0/],
      [{ quantities: {} }, /quantities must give at least one/],
      [{ quantities: { effective: null } }, /quantities must give at least one/],
      [{ quantities: { effective: 0.0000001 } }, /at most 6 decimals/],
      [{ quantities: { fetal: 1 } }, /property fetal should not exist/],
      [{ quantities: undefined }, /quantities/],
      [{ from: day, to: dayBefore(day) }, /to must not be before from/],
      [{ from: `${lastYear}-12-01`, to: day }, /one calendar year/],
      [{ from: '2999-01-01', to: '2999-01-02' }, /not be in the future/],
      [{ to: '2026-02-30' }, /to must be/],
      [{ employer: '  ' }, /employer must not be empty/],
      [{ sourceDocument: undefined }, /sourceDocument/],
    ];
    for (const [body, message] of badPriors) {
      const reply = await priorDose(body);
      expect({ body, status: reply.status }).toEqual({ body, status: 400 });
      expect(messages(reply)).toMatch(message);
    }
    for (const [body, message] of [
      [{ method: 'guess' }, /method must be one of/],
      [{ reason: 'other', note: ' ' }, /note must say how or why/],
      [{ quantities: { eyeLens: -0.1 } }, /eyeLens must not be less than 0/],
    ] as [Record<string, unknown>, RegExp][]) {
      const reply = await estimate(body);
      expect(reply.status).toBe(400);
      expect(messages(reply)).toMatch(message);
    }
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await priorDose({}, nobody)).status).toBe(404);
    expect((await estimate({}, nobody)).status).toBe(404);
    const patient = await session.rso.post<{ id: string }>('/api/v1/people', {
      kind: 'patient',
      name: 'Pat Ient',
    });
    expect(messages(await priorDose({}, patient.body.id))).toMatch(/kept for workers/);
    const own = (await session.technician.get('/api/v1/me/exposure')).body.personId as string;
    const mine = await session.technician.post(`/api/v1/people/${own}/prior-doses`, {
      employer: 'Elsewhere',
      from: `${year}-01-01`,
      to: day,
      quantities: { effective: 1 },
      sourceDocument: 'my word',
    });
    expect(mine.status).toBe(403);
    const technicianEstimate = await session.technician.post(
      `/api/v1/people/${own}/dose-estimates`,
      { from: day, to: day, method: 'priorAverage', reason: 'lost', quantities: { effective: 1 } },
    );
    expect(technicianEstimate.status).toBe(403);
    // Nothing refused reached the ledger.
    expect((await exposure()).effective.year).toBe(6.5);
    expect((await session.rso.get(`/api/v1/people/${personId}/prior-doses`)).body).toHaveLength(1);
  });

  it('keeps them through recompute-totals, and reconcile checks them', async () => {
    await idle();
    const expected = await totals();
    expect(await runCli(RECOMPUTE, scratch.url, ['--check'])).toMatchObject({
      code: 0,
      output: expect.stringContaining('Totals match the readings and adjustments to the nSv.'),
    });
    expect(await runCli(RECONCILE, scratch.url)).toMatchObject({ code: 0 });
    expect((await runCli(RECOMPUTE, scratch.url)).code).toBe(0);
    expect(await totals()).toEqual(expected);

    // Dose booked for the prior dose that it does not give: found.
    await session.sql(
      `INSERT INTO dose_adjustment (person_id, quantity, dose_nsv, day, reason, author, kind, prior_dose_id)
       VALUES ($1, 'eyeLens', 1000, $2, 'tampered', 'nobody', 'priorDose', $3)`,
      [personId, day, priorDoseId],
    );
    const reconciled = await runCli(RECONCILE, scratch.url);
    expect(reconciled.code).toBe(1);
    expect(reconciled.output).toContain(
      `notMeasured\tpriorDose ${priorDoseId} eyeLens\tadjustment of 1000 nSv for ${personId} ${day} matches no dose the record gives`,
    );
  });
});
