/**
 * Dose evaluations leave out people whose increases cannot change a dose rule's level
 * (src/alerts/dose-headroom.ts), and evaluate the increase that reaches one: small readings,
 * evaluated one by one, add up to a crossing, which is raised at the reading that crosses.
 */
import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { setLowLimit } from './support/alert-listeners.js';
import { insertWornBadge } from './support/fixtures.js';
import { publishEvaluated as publishReadingEvaluated } from './support/evaluated-reading.js';
import { metricValue } from './support/metrics.js';
import { connectPublisher, eventually } from './support/mqtt-publisher.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('dose rules and the headroom', () => {
  let service: TestApp;
  let dataSource: DataSource;
  let device: MqttClient;

  beforeAll(async () => {
    service = await startTestApp();
    dataSource = service.app.get(DataSource);
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await service.close();
  });

  const skips = () => metricValue(service, 'dose_alert_headroom_skips_total');
  const doseLimitAlerts = (personId: string) =>
    dataSource.query<{ level: string; value_nsv: string }[]>(
      `SELECT level, value_nsv::text FROM alert WHERE kind = 'doseLimit' AND person_id = $1`,
      [personId],
    );

  /** The badge's reading `seq` with an hp10 register in µSv, committed and evaluated. */
  const publishEvaluated = (serial: string, seq: number, hp10: number) =>
    publishReadingEvaluated(service, device, serial, seq, { hp10 });

  it('skips increases below a level and raises the one that reaches it', async () => {
    const { personId, serial } = await insertWornBadge(dataSource);
    // A 5-year limit of 1 mSv: notice at 100 µSv. Registers (µSv) 50, then 10 more each time.
    await setLowLimit(service, personId);
    const skipsBefore = await skips();
    const registers = [50, 60, 70, 80, 90, 100];
    for (const [i, hp10] of registers.entries()) {
      if (i === registers.length - 1) expect(await doseLimitAlerts(personId)).toEqual([]);
      await publishEvaluated(serial, i + 1, hp10);
    }
    expect(await skips()).toBeGreaterThan(skipsBefore);
    const alerts = await eventually(async () => {
      const rows = await doseLimitAlerts(personId);
      return rows.length > 0 ? rows : undefined;
    });
    expect(alerts).toEqual([{ level: 'notice', value_nsv: '100000' }]);
  });

  it("brings a person's standing up to date when the headroom's lifetime ends", async () => {
    const { personId, serial } = await insertWornBadge(dataSource);
    const standing = async () =>
      (
        await dataSource.query<{ value_nsv: string }[]>(
          `SELECT value_nsv::text FROM person_standing WHERE person_id = $1`,
          [personId],
        )
      )[0]?.value_nsv;
    const skipsBefore = await skips();
    // 50 µSv, then 10 more: far from any level, so the second is absorbed, and no dose follows.
    await publishEvaluated(serial, 1, 50);
    await publishEvaluated(serial, 2, 60);
    expect(await skips()).toBeGreaterThan(skipsBefore);
    expect(await standing()).toBe('50000');
    await eventually(async () => ((await standing()) === '60000' ? true : undefined));
  });
});
