/**
 * Alert latency (DESIGN.md §6) while ingestion is held up, and how the service measures it.
 *
 * A reading at or above the doseRate alert rate (DESIGN.md §5) commits in a lane of its own:
 * it does not wait for its partition's commit in flight. Here that commit is held by a lock
 * on one badge (the advisory lock ingestion takes per badge, badge-lock.ts), and a reading of
 * another badge of the same partition goes through only if its rate is alerting.
 */
import type { MqttClient } from 'mqtt';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { BADGE_ALERT_LOCK_NAMESPACE } from '../src/limits/alert-thresholds.js';
import { partitionOf } from '../src/ingest/ingest-consumer.service.js';
import {
  countReadings,
  insertWornBadge,
  uniqueSerial,
  withinLastMinute,
} from './support/fixtures.js';
import { metricValue } from './support/metrics.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseUrl } from './support/test-env.js';

/** How long a reading held behind the partition's commit is given to show up anyway. */
const HELD_WINDOW_MS = 1_000;

/** The lock ingestion takes per badge (badge-lock.ts). */
const ingestionLock = (serial: string) => ({
  text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
  values: [serial],
});
/** The lock the badge rules take to open a badge's episode (reading-rules.ts). */
const alertLock = (serial: string) => ({
  text: 'SELECT pg_advisory_xact_lock($2::int, hashtext($1))',
  values: [serial, BADGE_ALERT_LOCK_NAMESPACE],
});

describe('Alert latency under held ingestion', () => {
  let service: TestApp;
  let dataSource: DataSource;
  let device: MqttClient;
  let holder: pg.Client | undefined;
  const topic = (serial: string) => `${service.config.topicPrefix}/badges/${serial}/readings`;

  beforeAll(async () => {
    service = await startTestApp();
    dataSource = service.app.get(DataSource);
    device = await connectPublisher();
  });
  afterEach(async () => {
    await holder?.end();
    holder = undefined;
  });
  afterAll(async () => {
    await device.endAsync();
    await service.close();
  });

  /** A worn trunk badge whose serial falls in `partition` (any, without one). */
  async function wornBadge(partition?: number): Promise<string> {
    let serial = uniqueSerial();
    while (partition !== undefined && partitionOf(serial) !== partition) serial = uniqueSerial();
    return (await insertWornBadge(dataSource, serial)).serial;
  }

  /** The badge's alerts of one kind, by level. */
  const badgeAlerts = (serial: string, kind: string) =>
    dataSource.query<{ level: string }[]>(
      `SELECT level FROM alert WHERE kind = $2 AND badge_serial = $1`,
      [serial, kind],
    );

  /**
   * Holds a lock of the badge, publishes its reading, and waits until the service waits on
   * the lock.
   */
  async function holdBadge(
    serial: string,
    lock: (serial: string) => { text: string; values: unknown[] },
    reading: Record<string, unknown> = {},
  ): Promise<void> {
    holder = new pg.Client({ connectionString: testDatabaseUrl() });
    await holder.connect();
    await holder.query('BEGIN');
    const { text, values } = lock(serial);
    await holder.query(text, values);
    await publishJson(device, topic(serial), {
      seq: 1,
      measuredAt: withinLastMinute(1),
      hp10: 10,
      ...reading,
    });
    await eventually(async () => {
      const { rows } = await holder!.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks waiting
           JOIN pg_locks held ON held.pid = pg_backend_pid() AND held.locktype = 'advisory'
            AND (held.classid, held.objid, held.objsubid) = (waiting.classid, waiting.objid, waiting.objsubid)
          WHERE waiting.locktype = 'advisory' AND NOT waiting.granted`,
      );
      return rows[0].n > 0 ? true : undefined;
    });
  }

  /**
   * Holds one badge's lock with its reading's commit waiting on it, then publishes a reading
   * at `doseRate` µSv/h of another badge of the same partition.
   */
  async function readingBesideHeldBadge(doseRate: number, battery?: number) {
    const blocked = await wornBadge();
    const other = await wornBadge(partitionOf(blocked));
    await holdBadge(blocked, ingestionLock);
    await publishJson(device, topic(other), {
      seq: 1,
      measuredAt: withinLastMinute(2),
      hp10: 20,
      doseRate,
      battery,
    });
    return { blocked, other };
  }

  it('commits and alerts on an alerting rate while its partition waits on a lock', async () => {
    const { blocked, other: urgent } = await readingBesideHeldBadge(600);
    await eventually(async () =>
      (await countReadings(dataSource, urgent)) === 1 ? true : undefined,
    );
    const alert = await eventually(async () => (await badgeAlerts(urgent, 'doseRate'))[0]);
    expect(alert.level).toBe('high');
    expect(await countReadings(dataSource, blocked)).toBe(0);

    await holder!.query('ROLLBACK');
    await eventually(async () =>
      (await countReadings(dataSource, blocked)) === 1 ? true : undefined,
    );
  });

  it('holds an ordinary reading of the same partition behind the lock', async () => {
    const { blocked, other: ordinary } = await readingBesideHeldBadge(450);
    await new Promise((resolve) => setTimeout(resolve, HELD_WINDOW_MS));
    expect(await countReadings(dataSource, ordinary)).toBe(0);

    await holder!.query('ROLLBACK');
    await eventually(async () =>
      (await countReadings(dataSource, ordinary)) === 1 ? true : undefined,
    );
    expect(await countReadings(dataSource, blocked)).toBe(1);
  });

  it('alerts on an alerting rate while the evaluation of other badge facts waits', async () => {
    // A low battery may open an episode: its evaluation takes the badge's alert lock, held here.
    const waiting = await wornBadge();
    await holdBadge(waiting, alertLock, { battery: 3 });
    const urgent = await wornBadge();
    await publishJson(device, topic(urgent), {
      seq: 1,
      measuredAt: withinLastMinute(2),
      hp10: 20,
      doseRate: 600,
    });
    await eventually(async () => (await badgeAlerts(urgent, 'doseRate'))[0]);
    expect(await badgeAlerts(waiting, 'batteryLow')).toEqual([]);

    await holder!.query('ROLLBACK');
    await eventually(async () => (await badgeAlerts(waiting, 'batteryLow'))[0]);
  });

  /** The service's alert latency histogram: how many were observed, and how many over 1 s. */
  async function latencies(): Promise<{ count: number; overOneSecond: number }> {
    const count = await metricValue(service, 'dose_alert_latency_seconds_count');
    const underOneSecond = await metricValue(service, 'dose_alert_latency_seconds_bucket{le="1"}');
    return { count, overOneSecond: count - underOneSecond };
  }

  it("counts an alert's latency from its reading's arrival, not from its commit", async () => {
    const before = await latencies();
    // A low battery (batteryLow), held behind its partition's commit for longer than a second.
    const { other } = await readingBesideHeldBadge(10, 3);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await holder!.query('ROLLBACK');
    const after = await eventually(async () => {
      const alerted = await badgeAlerts(other, 'batteryLow');
      const now = await latencies();
      return alerted.length > 0 && now.count > before.count ? now : undefined;
    });
    expect(after.overOneSecond).toBeGreaterThan(before.overOneSecond);
  });
});
