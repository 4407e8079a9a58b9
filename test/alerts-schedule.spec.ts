import type { MqttClient } from 'mqtt';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AlertEvaluator } from '../src/alerts/alert-evaluator.service.js';
import { AlertScheduler } from '../src/alerts/alert-scheduler.service.js';
import { SCHEDULE_LOCK_NAMESPACE } from '../src/limits/alert-thresholds.js';
import { AlertSubscriber, pause, stopAlertSchedule, until } from './support/alert-listeners.js';
import {
  countReadings,
  insertAssignment,
  insertBadge,
  insertWorker,
  uniqueSerial,
} from './support/fixtures.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { DAY, iso, startRsoSession, type RsoSession } from './support/rso-session.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseUrl } from './support/test-env.js';

const MINUTE = 60_000;

interface StoredAlert {
  id: string;
  kind: string;
  level: string;
  state: string;
  period: string;
  detail: Record<string, string>;
  resolved_by: string | null;
}

/**
 * The time-driven rules (DESIGN.md §5) through AlertScheduler.runOnce(now), which the
 * schedule calls every 30 s: one replica at a time, alerts raised once, resolved by the system
 * when their cause is gone. BADGE_SILENT_AFTER is the default 24 h.
 */
describe('scheduled alerts: silent badges, seq gaps, calibration', () => {
  let session: RsoSession;
  let dataSource: DataSource;
  let scheduler: AlertScheduler;
  let subscriber: AlertSubscriber;
  let device: MqttClient;
  const now = Date.now();
  const alertsOf = (serial: string) =>
    dataSource.query<StoredAlert[]>(
      `SELECT id, kind, level, state, period, detail, resolved_by FROM alert
        WHERE badge_serial = $1 ORDER BY raised_at, id`,
      [serial],
    );
  /**
   * Readings of `serial` (one message; a backlog when several), then waits for `stored`. Without
   * `registers`, they carry a dose rate only.
   */
  const upload = async (
    serial: string,
    seqs: number[],
    stored: number,
    measuredFrom: number,
    registers = true,
  ) => {
    const topic = `${session.service.config.topicPrefix}/badges/${serial}/readings`;
    const readings = seqs.map((seq) => ({
      seq,
      measuredAt: iso(measuredFrom + seq * MINUTE),
      ...(registers ? { hp10: seq } : { doseRate: 1 }),
    }));
    await publishJson(device, topic, readings.length === 1 ? readings[0] : readings);
    await eventually(async () =>
      (await countReadings(dataSource, serial)) === stored ? true : undefined,
    );
    await session.service.app.get(AlertEvaluator).idle();
  };
  const send = (serial: string, seq: number, stored: number) =>
    upload(serial, [seq], stored, now - 10 * MINUTE);

  beforeAll(async () => {
    session = await startRsoSession();
    stopAlertSchedule(session.service);
    dataSource = session.service.app.get(DataSource);
    scheduler = session.service.app.get(AlertScheduler);
    subscriber = await AlertSubscriber.start(session.service.config.topicPrefix);
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await subscriber.stop();
    await session.service.close();
  });

  async function wornBadge(from: Date): Promise<{ serial: string; personId: string }> {
    const personId = await insertWorker(dataSource, 'Scheduled Wearer');
    const serial = await insertBadge(dataSource, 'trunk', uniqueSerial());
    await insertAssignment(dataSource, serial, personId, from);
    return { serial, personId };
  }

  it('raises a silent badge once across replicas and resolves it when the badge is heard', async () => {
    const { serial, personId } = await wornBadge(new Date(now - 2 * DAY));
    // Another replica holds the schedule: this one skips its run.
    const other = new pg.Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1::int, 0)', [SCHEDULE_LOCK_NAMESPACE]);
    expect(await scheduler.runOnce()).toEqual({ ran: false, raised: 0, resolved: 0, swept: 0 });
    await other.query('ROLLBACK');
    await other.end();

    const runs = await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);
    expect(runs.some((run) => run.ran)).toBe(true);
    await scheduler.runOnce();
    const [silent] = await alertsOf(serial);
    expect(silent).toMatchObject({ kind: 'badgeSilent', level: 'warning', state: 'open' });
    expect(await alertsOf(serial)).toHaveLength(1);
    const prefix = session.service.config.topicPrefix;
    await until(() => subscriber.about([personId], [serial]).length === 2);
    await pause(300);
    expect(subscriber.about([personId], [serial])).toEqual([
      `${prefix}/alerts/warning warning badgeSilent ${silent.id}`,
      `${prefix}/badges/${serial}/alerts warning badgeSilent ${silent.id}`,
    ]);

    await send(serial, 1, 1);
    expect(await alertsOf(serial)).toEqual([
      expect.objectContaining({ id: silent.id, state: 'resolved', resolved_by: 'system' }),
    ]);
  });

  it('raises a seq gap still open after 10 minutes and resolves it once filled', async () => {
    const { serial } = await wornBadge(new Date(now - DAY));
    await send(serial, 1, 1);
    await send(serial, 2, 2);
    await send(serial, 5, 3);
    await scheduler.runOnce(new Date(now));
    expect(await alertsOf(serial)).toEqual([]); // a late reading may still come
    await scheduler.runOnce(new Date(now + 11 * MINUTE));
    const [gap] = await alertsOf(serial);
    expect(gap).toMatchObject({ kind: 'seqGap', level: 'notice', period: 'seq:3', state: 'open' });
    expect(gap.detail).toMatchObject({ firstMissing: '3', lastMissing: '4' });
    await send(serial, 3, 4);
    await scheduler.runOnce(new Date(now + 12 * MINUTE));
    // Seq 4 is still missing: the same alert stays open and no second one is raised.
    expect((await alertsOf(serial)).map((a) => [a.id, a.state])).toEqual([[gap.id, 'open']]);
    await send(serial, 4, 5);
    await scheduler.runOnce(new Date(now + 13 * MINUTE));
    expect(await alertsOf(serial)).toEqual([
      expect.objectContaining({ id: gap.id, state: 'resolved', resolved_by: 'system' }),
    ]);
  });

  it('raises a gap in a backlog measured hours before it arrived', async () => {
    // A badge out of reach for a shift uploads its readings on reconnecting (DESIGN.md §3.1,
    // backlog after an outage); seq 3 was lost on the badge.
    const { serial } = await wornBadge(new Date(now - DAY));
    await upload(serial, [1, 2, 4, 5], 4, now - 6 * 60 * MINUTE);
    const candidates = async () =>
      (
        await dataSource.query<{ seq: string }[]>(
          `SELECT seq FROM seq_gap_candidate WHERE badge_serial = $1`,
          [serial],
        )
      ).map((row) => row.seq);
    await scheduler.runOnce(new Date(now));
    expect(await candidates()).toEqual(['4']); // within the grace time: kept for later runs
    await scheduler.runOnce(new Date(now + 11 * MINUTE));
    expect(await candidates()).toEqual([]); // judged once
    expect(await alertsOf(serial)).toEqual([
      expect.objectContaining({ kind: 'seqGap', period: 'seq:3', state: 'open' }),
    ]);
    expect((await alertsOf(serial))[0].detail).toMatchObject({
      firstMissing: '3',
      lastMissing: '3',
    });
  });

  // Successors with registers are in the late reading's neighbourhood (its increments depend on
  // them); dose-rate-only ones are not.
  it.each([true, false])(
    'raises a gap above a reading that arrives after its successors (registers: %s)',
    async (registers) => {
      const { serial } = await wornBadge(new Date(now - DAY));
      await upload(serial, [5], 1, now - 10 * MINUTE, registers);
      await upload(serial, [6], 2, now - 10 * MINUTE, registers);
      await send(serial, 1, 3); // the badge's first reading, late: 2-4 are missing
      await scheduler.runOnce(new Date(now + 11 * MINUTE));
      const [gap] = await alertsOf(serial);
      expect(gap).toMatchObject({ kind: 'seqGap', period: 'seq:2', state: 'open' });
      expect(gap.detail).toMatchObject({ firstMissing: '2', lastMissing: '4', seenSeq: '5' });
      expect(await alertsOf(serial)).toHaveLength(1);
    },
  );

  it('escalates a calibration due to past due, re-opening an acknowledged alert', async () => {
    const { serial } = await wornBadge(new Date(now - DAY));
    await send(serial, 1, 1);
    const due = iso(now + 10 * DAY).slice(0, 10);
    await dataSource.query(`UPDATE badge SET calibration_due = $2 WHERE serial = $1`, [
      serial,
      due,
    ]);
    await scheduler.runOnce(new Date(now));
    const [notice] = await alertsOf(serial);
    expect(notice).toMatchObject({ kind: 'calibrationDue', level: 'notice', period: `due:${due}` });
    const path = `/api/v1/alerts/${notice.id}`;
    expect((await session.rso.post(`${path}/acknowledge`, { note: 'Booked' })).status).toBe(200);

    await scheduler.runOnce(new Date(now + 11 * DAY));
    const escalated = (await session.rso.get(path)).body;
    expect(escalated).toMatchObject({ level: 'warning', state: 'open' });
    // Eleven days on the badge is also silent; one calibration alert still.
    const calibration = (await alertsOf(serial)).filter((a) => a.kind === 'calibrationDue');
    expect(calibration.map((a) => a.id)).toEqual([notice.id]);

    const next = iso(now + 400 * DAY).slice(0, 10);
    await dataSource.query(`UPDATE badge SET calibration_due = $2 WHERE serial = $1`, [
      serial,
      next,
    ]);
    await scheduler.runOnce(new Date(now + 11 * DAY));
    expect((await session.rso.get(path)).body).toMatchObject({
      state: 'resolved',
      resolvedBy: 'system',
      resolveNote: `Calibration due ${next}`,
    });
  });
});

/**
 * SEQ_GAP_ALERT_AFTER (default 10 minutes) is how long a gap may stay open: here 3 minutes.
 * Seq 5 arrives after 2: 3-4 are missing. Judged 3 minutes less a millisecond after it can have
 * arrived at the earliest, it is still young; 3 minutes after it was stored, it raises.
 */
describe('scheduled alerts: the time a seq gap may stay open is a setting', () => {
  let service: TestApp;
  let dataSource: DataSource;
  let device: MqttClient;

  beforeAll(async () => {
    service = await startTestApp({ SEQ_GAP_ALERT_AFTER: '3m' });
    stopAlertSchedule(service);
    dataSource = service.app.get(DataSource);
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await service.close();
  });

  it('raises a gap open for SEQ_GAP_ALERT_AFTER, and not before', async () => {
    const personId = await insertWorker(dataSource, 'Gap Setting Wearer');
    const serial = await insertBadge(dataSource, 'trunk', uniqueSerial());
    await insertAssignment(dataSource, serial, personId, new Date(Date.now() - DAY));
    const sent = Date.now();
    const readings = [1, 2, 5].map((seq) => ({
      seq,
      measuredAt: iso(sent - 10 * MINUTE + seq * MINUTE),
      hp10: seq,
    }));
    await publishJson(device, `${service.config.topicPrefix}/badges/${serial}/readings`, readings);
    await eventually(async () =>
      (await countReadings(dataSource, serial)) === 3 ? true : undefined,
    );
    const stored = Date.now();
    const scheduler = service.app.get(AlertScheduler);
    const gaps = () =>
      dataSource.query<StoredAlert[]>(
        `SELECT id, kind, level, state, period, detail, resolved_by FROM alert
          WHERE badge_serial = $1 AND kind = 'seqGap'`,
        [serial],
      );
    await scheduler.runOnce(new Date(sent + 3 * MINUTE - 1));
    expect(await gaps()).toEqual([]);
    await scheduler.runOnce(new Date(stored + 3 * MINUTE));
    expect(await gaps()).toEqual([
      expect.objectContaining({ kind: 'seqGap', level: 'notice', period: 'seq:3', state: 'open' }),
    ]);
  });
});
