import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { AlertEvaluator } from '../src/alerts/alert-evaluator.service.js';
import { AlertScheduler } from '../src/alerts/alert-scheduler.service.js';
import { reconcile } from '../src/reconcile/reconcile.js';
import { stopAlertSchedule } from './support/alert-listeners.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { ctEvent, publishEvents } from './support/exposure-events.js';
import { insertModality } from './support/fixtures.js';
import { iso, newRsoLogin } from './support/rso-session.js';
import { runCli } from './support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { Http } from './support/http.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

// Minutes apart and just past: the readings fall in the current year (and quarter).
const HOUR = 60_000;

/**
 * npm run reconcile on a database of its own: a worker with 6 mSv this year (30 % of the EU
 * 20 mSv year limit: a doseLimit warning) from a badge whose seq 3 never arrived. Reconcile
 * reports exactly that gap; then a tampered total, a deleted alert and a dose-rate alert whose
 * reading no longer shows the rate are reported too. Patient alerts are re-derived as well.
 */
describe('reconcile', () => {
  let scratch: ScratchDatabase;
  let service: TestApp;
  let device: MqttClient;

  beforeAll(async () => {
    scratch = await createScratchDatabase('reconcile');
    service = await startTestApp({}, { databaseUrl: scratch.url });
    stopAlertSchedule(service);
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await service.close();
    await scratch.drop();
  });

  it('finds gaps, wrong totals and missing alerts, and exits 1 on them', async () => {
    const rso = await newRsoLogin(new Http(service.baseUrl));
    const start = Date.now() - 4 * HOUR;
    const personId = await createWorker(rso, { name: 'Rhea Reconciled' });
    const serial = await wearBadge(rso, personId, 'trunk', iso(start - HOUR));
    await publishReadings(service, device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 1000 },
      { seq: 2, measuredAt: iso(start + HOUR), hp10: 2000 },
      { seq: 4, measuredAt: iso(start + 3 * HOUR), hp10: 6000, doseRate: 600 },
    ]);
    await service.app.get(AlertEvaluator).idle();
    const dataSource = service.app.get(DataSource);
    const tz = service.config.facilityTz;

    expect(await reconcile(dataSource, tz)).toEqual([
      { check: 'seqGap', subject: `badge ${serial}`, detail: 'seq 3 never arrived' },
    ]);

    await dataSource.query(
      `UPDATE daily_dose SET dose_nsv = dose_nsv + 7 WHERE person_id = $1 AND quantity = 'effective'`,
      [personId],
    );
    await dataSource.query(`DELETE FROM alert WHERE person_id = $1 AND kind = 'doseLimit'`, [
      personId,
    ]);
    // The dose-rate alert (600 µSv/h at seq 4) loses its cause.
    await dataSource.query(
      `UPDATE reading SET dose_rate_nsv_h = 1000 WHERE badge_serial = $1 AND seq = 4`,
      [serial],
    );
    // The last register of hp10 (seq 4) tampered with: an in-order next reading would count wrong.
    await dataSource.query(`UPDATE badge_register SET hp10_nsv = 5000000 WHERE serial = $1`, [
      serial,
    ]);
    const found = await reconcile(dataSource, tz);
    expect(found.map((d) => d.check).sort()).toEqual([
      'alert',
      'alert',
      'derivation',
      'seqGap',
      'total',
    ]);
    expect(found.find((d) => d.check === 'derivation')?.subject).toBe(`badge ${serial}`);
    expect(found.find((d) => d.check === 'total')?.detail).toMatch(
      /kept 6000007 nSv \(adjustments 0\), readings and adjustments give 6000000 nSv/,
    );
    expect(found.filter((d) => d.check === 'alert').map((d) => d.subject.split('|')[0])).toEqual([
      'doseLimit',
      'doseRate',
    ]);
    expect(found.find((d) => d.check === 'alert')?.subject).toBe(
      `doseLimit|${personId}||effective|year:${iso(start).slice(0, 4)}|`,
    );

    // An open calibration alert for a due date the badge does not have (it has none).
    await dataSource.query(
      `INSERT INTO alert (key, kind, level, level_rank, badge_serial, period, state)
       VALUES ($1, 'calibrationDue', 'warning', 2, $2, 'due:2020-01-01', 'open')`,
      [`calibrationDue||${serial}||due:2020-01-01|`, serial],
    );
    expect(
      (await reconcile(dataSource, tz)).filter((d) => d.detail.includes('cause is gone')),
    ).toEqual([
      {
        check: 'alert',
        subject: `calibrationDue||${serial}||due:2020-01-01|`,
        detail: 'open calibrationDue alert whose cause is gone',
      },
    ]);

    const cli = await runCli('reconcile/reconcile.cli.js', scratch.url);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain('6 discrepancies.');

    // The gap's candidate lost (the schedule would never alert it), then the gap alerted.
    const unwatched = {
      check: 'alert',
      subject: `seqGap badge ${serial}`,
      detail: 'seq 3 missing with no seqGap alert, and none to come',
    };
    const candidate = [serial, 4];
    await dataSource.query(
      `DELETE FROM seq_gap_candidate WHERE badge_serial = $1 AND seq = $2`,
      candidate,
    );
    expect(await reconcile(dataSource, tz)).toContainEqual(unwatched);
    await dataSource.query(
      `INSERT INTO seq_gap_candidate (badge_serial, seq) VALUES ($1, $2)`,
      candidate,
    );
    await service.app.get(AlertScheduler).runOnce(new Date(Date.now() + 11 * 60_000));
    expect(await dataSource.query(`SELECT 1 FROM seq_gap_candidate`)).toEqual([]);
    expect(await reconcile(dataSource, tz)).not.toContainEqual(unwatched);
  });

  it('re-derives patient alerts: a missing patientDose alert is reported', async () => {
    await insertModality(service.app.get(DataSource), 'CT-RECONCILE');
    await publishEvents(
      service,
      device,
      'CT-RECONCILE',
      [ctEvent('r1', 'MRN-RECONCILE', 10, { effectiveDose: 60 })],
      1,
    );
    const dataSource = service.app.get(DataSource);
    const [{ person_id: personId }] = await dataSource.query<{ person_id: string }[]>(
      `SELECT person_id FROM patient_exposure WHERE modality_id = 'CT-RECONCILE'`,
    );
    const key = `patientDose|${personId}||effective|lifetime|`;
    const patientFindings = async () =>
      (await reconcile(dataSource, service.config.facilityTz)).filter((d) => d.subject === key);
    expect(await patientFindings()).toEqual([]);
    await dataSource.query(`DELETE FROM alert WHERE key = $1`, [key]);
    expect(await patientFindings()).toEqual([
      { check: 'alert', subject: key, detail: 'rule gives level rank 1, stored 0' },
    ]);
  });
});
