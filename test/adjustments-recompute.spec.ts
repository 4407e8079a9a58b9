import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { AlertEvaluator } from '../src/alerts/alert-evaluator.service.js';
import { stopAlertSchedule } from './support/alert-listeners.js';
import { Http } from './support/http.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { iso, newRsoLogin } from './support/rso-session.js';
import { runCli } from './support/run-cli.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const HOUR = 3_600_000;
const RECOMPUTE = 'readings/recompute-totals.cli.js';
const RECONCILE = 'reconcile/reconcile.cli.js';

/**
 * The operators' commands on a database of their own (totals stay recomputable from
 * readings plus adjustments). A worker gets 0.3 mSv effective from a trunk badge (Hp(10)
 * registers 100 then 300 µSv) two days ago, a +0.4 and a -0.1 mSv adjustment that day and
 * +0.2 mSv yesterday, a day without readings: 0.6 and 0.2 mSv, adjustments' parts 0.3 and 0.2.
 */
describe('recompute-totals and reconcile with dose adjustments', () => {
  let scratch: ScratchDatabase;
  let service: TestApp;
  let device: MqttClient;
  let dataSource: DataSource;
  let personId: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase('adjustments_recompute');
    service = await startTestApp({}, { databaseUrl: scratch.url });
    stopAlertSchedule(service);
    device = await connectPublisher();
    dataSource = service.app.get(DataSource);
  });
  afterAll(async () => {
    await device.endAsync();
    await service.close();
    await scratch.drop();
  });

  const totals = () =>
    dataSource.query<{ day: string; total: string; adjustments: string }[]>(
      `SELECT day::text AS day, dose_nsv::text AS total, adjustment_nsv::text AS adjustments
         FROM daily_dose WHERE person_id = $1 ORDER BY day`,
      [personId],
    );

  it('rebuild the totals from readings and adjustments, and find a wrong adjustments part', async () => {
    const rso = await newRsoLogin(new Http(service.baseUrl));
    const start = Date.now() - 48 * HOUR;
    const [day, nextDay] = [iso(start).slice(0, 10), iso(start + 24 * HOUR).slice(0, 10)];
    personId = await createWorker(rso, { name: 'Ray Recomputed' });
    const serial = await wearBadge(rso, personId, 'trunk', iso(start - HOUR));
    await publishReadings(service, device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 100 },
      { seq: 2, measuredAt: iso(start + 60_000), hp10: 300 },
    ]);
    for (const [doseMSv, date] of [
      [0.4, day],
      [-0.1, day],
      [0.2, nextDay],
    ] as const) {
      const reply = await rso.post(`/api/v1/people/${personId}/adjustments`, {
        quantity: 'effective',
        doseMSv,
        date,
        reason: 'recompute test',
      });
      expect(reply.status).toBe(201);
    }
    await service.app.get(AlertEvaluator).idle();
    const expected = [
      { day, total: '600000', adjustments: '300000' },
      { day: nextDay, total: '200000', adjustments: '200000' },
    ];
    expect(await totals()).toEqual(expected);
    expect(await runCli(RECOMPUTE, scratch.url, ['--check'])).toMatchObject({
      code: 0,
      output: expect.stringContaining('Totals match the readings and adjustments to the nSv.'),
    });
    expect(await runCli(RECONCILE, scratch.url)).toMatchObject({ code: 0 });

    // The total right, its adjustments' part wrong: found, and rebuilt.
    await dataSource.query(
      `UPDATE daily_dose SET adjustment_nsv = 0 WHERE person_id = $1 AND day = $2`,
      [personId, day],
    );
    const check = await runCli(RECOMPUTE, scratch.url, ['--check']);
    expect(check.code).toBe(1);
    expect(check.output).toContain(
      `${personId} effective ${day}: kept 0.6 mSv (adjustments 0), rebuilt 0.6 mSv (adjustments 0.3)`,
    );
    expect((await runCli(RECONCILE, scratch.url)).code).toBe(1);
    expect((await runCli(RECOMPUTE, scratch.url)).code).toBe(0);
    expect(await totals()).toEqual(expected);
  });
});
