import type { MqttClient } from 'mqtt';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { nanosievertsToMillisieverts } from '../src/common/dose-units.js';
import type { ExposureDto } from '../src/exposure/dto/exposure.dto.js';
import { FIRST_DAY, LAST_DAY, monthEnd, monthStart } from '../src/calendar/days.js';
import { periodStarts, type DayRange } from '../src/calendar/periods.js';
import { reconcile } from '../src/reconcile/reconcile.js';
import {
  closedPeriodDifferences,
  closePeriods,
  sqlOf,
  type Sql,
} from '../src/ledger/period-closing.js';
import { sumPeriods } from '../src/ledger/period-sums.js';
import { recomputeTotals } from '../src/readings/recompute-totals.js';
import { PeriodCloser } from '../src/ledger/period-closer.service.js';
import { stopAlertSchedule } from './support/alert-listeners.js';
import { countReadings } from './support/fixtures.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { seededRandom } from './support/random.js';
import { startRsoSession, type RsoSession } from './support/rso-session.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { createWorker, wearBadge } from './support/wearing.js';

const DAY = 86_400_000;
const LATE_SEQ = 500;

/**
 * Closed months and years (README.md, Operations): exposure sums read one total per closed
 * year, the alert rules one per closed month, and both must give exactly what summing the days
 * gives, for every period and as-of day. On a database of its own (FACILITY_TZ is UTC), whose
 * months through last month and years through last year were closed at start: every reading
 * below arrives after that, so it reaches their totals as a change to a closed month or year.
 */
describe('closed months and years', () => {
  let database: ScratchDatabase;
  let session: RsoSession;
  let device: MqttClient;
  let dataSource: DataSource;
  let personId: string;
  let serial: string;
  let hp10 = 0;
  const readings: { seq: number; measuredAt: string; hp10: number }[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase('closed_years');
    session = await startRsoSession({}, { databaseUrl: database.url });
    stopAlertSchedule(session.service);
    dataSource = session.service.app.get(DataSource);
    device = await connectPublisher();
    personId = await createWorker(session.rso, { name: 'Yana Years' });
    serial = await wearBadge(session.rso, personId, 'trunk', '2018-12-01T00:00:00Z');
    // A reading every 3 days from 2019 to this year (1 to 50 µSv each), so that every
    // period's start falls among readings; seq 500 (in 2023) is held back for later.
    const random = seededRandom(20261126);
    const last = Date.now() - 2 * DAY;
    for (let at = Date.UTC(2019, 0, 2, 9), seq = 1; at < last; at += 3 * DAY, seq++) {
      hp10 += 1 + Math.floor(random() * 50);
      readings.push({ seq, measuredAt: new Date(at).toISOString(), hp10 });
    }
    const first = readings.filter((r) => r.seq !== LATE_SEQ);
    for (let i = 0; i < first.length; i += 800)
      await publishJson(device, topic(), first.slice(i, i + 800));
    await stored(first.length);
  });
  afterAll(async () => {
    await device?.endAsync();
    await session?.service.close();
    await database?.drop();
  });

  const topic = () => `${session.service.config.topicPrefix}/badges/${serial}/readings`;
  const stored = (count: number) =>
    eventually(async () =>
      (await countReadings(dataSource, serial)) === count ? true : undefined,
    );
  const sql = () => sqlOf(dataSource.manager);
  const lastYear = new Date().getUTCFullYear() - 1;
  const today = new Date().toISOString().slice(0, 10);
  const lastMonth = monthStart(today, -1);
  /** Months from January 2019 through last month: each has readings. */
  const closedMonths = (Number(lastMonth.slice(0, 4)) - 2019) * 12 + Number(lastMonth.slice(5, 7));

  /** Every as-of day to check: each year's turns, quarter ends, a leap day, and days between. */
  const asOfDays = (): string[] => {
    const days: string[] = [];
    for (let year = 2019; year <= lastYear + 1; year++)
      for (const monthDay of [
        '01-01',
        '01-02',
        '02-29',
        '03-31',
        '04-01',
        '07-17',
        '12-30',
        '12-31',
      ])
        if (monthDay !== '02-29' || year % 4 === 0) days.push(`${year}-${monthDay}`);
    return days.filter((day) => day <= new Date().toISOString().slice(0, 10));
  };

  const effectiveDays = async () =>
    (
      await sql()<{ day: string; nsv: string }>(
        `SELECT day::text AS day, dose_nsv::text AS nsv FROM daily_dose
          WHERE person_id = $1 AND quantity = 'effective'`,
        [personId],
      )
    ).map((row) => ({ day: row.day, nsv: BigInt(row.nsv) }));

  /** The periods as the service gives them, and as summing the stored daily totals gives. */
  const expectExposureFromDays = async () => {
    const days = await effectiveDays();
    expect(days.length).toBeGreaterThan(900);
    for (const asOfDay of asOfDays()) {
      const starts = periodStarts(asOfDay);
      const sum = (from: string) =>
        nanosievertsToMillisieverts(
          days.filter((d) => d.day >= from && d.day <= asOfDay).reduce((t, d) => t + d.nsv, 0n),
        );
      const reply = await session.rso.get<ExposureDto>(
        `/api/v1/people/${personId}/exposure?at=${asOfDay}T12:00:00Z`,
      );
      const { quarter, year, rolling12Months, rolling5Years, lifetime } =
        reply.body.quantities.effective;
      expect({ asOfDay, quarter, year, rolling12Months, rolling5Years, lifetime }).toEqual({
        asOfDay,
        quarter: sum(starts.quarter),
        year: sum(starts.year),
        rolling12Months: sum(starts.rolling12Months),
        rolling5Years: sum(starts.rolling5Years),
        lifetime: sum('0001-01-01'),
      });
    }
  };

  const totalCount = async (table: 'dose_year_total' | 'dose_month_total') =>
    (
      await sql()<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE person_id = $1`, [
        personId,
      ])
    )[0].n;
  const expectClosedThroughLastMonth = async () => {
    expect(await sql()('SELECT year FROM dose_year_close')).toEqual([{ year: lastYear }]);
    expect(await sql()('SELECT month::text AS month FROM dose_month_close')).toEqual([
      { month: lastMonth },
    ]);
    // Effective dose (hp10 alone: no skin dose) for each year and month from 2019 on.
    expect(await totalCount('dose_year_total')).toBe(lastYear - 2018);
    expect(await totalCount('dose_month_total')).toBe(closedMonths);
    expect(await closedPeriodDifferences(sql())).toEqual([]);
  };

  it('closes every ended month and year at start, and takes readings into them', async () => {
    await expectClosedThroughLastMonth();
    await expectExposureFromDays();
  });

  it('finds nothing to close without waiting for ingestion in flight', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // As an ingestion transaction holds it: a closing would wait for its commit.
      await client.query('BEGIN');
      await client.query('LOCK TABLE daily_dose IN ROW EXCLUSIVE MODE');
      await session.service.app.get(PeriodCloser).closeEndedPeriods();
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    await expectClosedThroughLastMonth();
  });

  /**
   * The ledger's period sums, which the alert rules and every other reader ask, against the
   * days: periods that start and end on a year's or month's first or last day, inside a closed
   * month, in the open one, and with no end; asked on today and on days in the past.
   */
  const expectPeriodSumsFromDays = async () => {
    const days = await effectiveDays();
    const sumOf = ({ first, last }: DayRange) =>
      days.filter((d) => d.day >= first && d.day <= last).reduce((t, d) => t + d.nsv, 0n);
    const midLastMonth = `${lastMonth.slice(0, 8)}14`;
    const firsts = [
      FIRST_DAY,
      '2019-03-15',
      '2021-01-01',
      '2021-11-27',
      '2022-12-31',
      '2024-02-29',
      `${lastYear}-01-01`,
      `${lastYear}-12-02`,
      `${lastYear + 1}-01-01`,
      `${lastMonth.slice(0, 8)}01`,
      midLastMonth,
      today,
    ];
    const lasts = [
      '2021-06-30',
      `${lastYear}-12-31`,
      `${lastYear}-12-30`,
      midLastMonth,
      monthEnd(lastMonth),
      today,
      LAST_DAY,
    ];
    const periods = new Map<string, DayRange>();
    for (const first of firsts)
      for (const last of lasts.filter((day) => day >= first))
        periods.set(`${first}..${last}`, { first, last });
    expect(periods.size).toBeGreaterThan(50);
    for (const asOfDay of [today, `${lastYear}-07-17`, '2023-01-01', lastMonth]) {
      const sums = await sumPeriods(dataSource, [{ personId, periods }], asOfDay);
      for (const [name, range] of periods)
        expect({ asOfDay, name, nsv: sums.of(personId, name, 'effective') }).toEqual({
          asOfDay,
          name,
          nsv: sumOf(range),
        });
    }
  };

  it('gives the same period sums from closed months and years as from the days', async () => {
    await expectPeriodSumsFromDays();
  });

  it('takes a late reading that splits a counted increment, and adjustments, into closed months and years', async () => {
    await publishJson(device, topic(), [readings.find((r) => r.seq === LATE_SEQ)]);
    await stored(readings.length);
    const adjusted = await session.rso.post(`/api/v1/people/${personId}/adjustments`, {
      quantity: 'effective',
      date: '2021-05-05',
      doseMSv: 0.123,
      reason: 'closed-year correction',
    });
    expect(adjusted.status).toBe(201);
    const adjustedLastMonth = await session.rso.post(`/api/v1/people/${personId}/adjustments`, {
      quantity: 'effective',
      date: `${lastMonth.slice(0, 8)}05`,
      doseMSv: 0.456,
      reason: 'closed-month correction',
    });
    expect(adjustedLastMonth.status).toBe(201);
    expect(await closedPeriodDifferences(sql())).toEqual([]);
    await expectExposureFromDays();
    await expectPeriodSumsFromDays();
  });

  const openEverything = async () => {
    for (const table of [
      'dose_month_total',
      'dose_month_close',
      'dose_year_total',
      'dose_year_close',
    ])
      await sql()(`DELETE FROM ${table}`);
  };

  it('closes a database whose months and years are not closed yet, once; reconcile and recompute-totals see their totals', async () => {
    await openEverything();
    await expectExposureFromDays();
    await expectPeriodSumsFromDays();
    const closer = session.service.app.get(PeriodCloser);
    await closer.closeEndedPeriods();
    await closer.closeEndedPeriods();
    await expectClosedThroughLastMonth();
    await expectExposureFromDays();
    await expectPeriodSumsFromDays();

    await sql()(
      `UPDATE dose_year_total SET dose_nsv = dose_nsv + 7 WHERE person_id = $1 AND year = 2022 AND quantity = 'effective'`,
      [personId],
    );
    expect(await reconcile(dataSource, 'UTC')).toContainEqual({
      check: 'total',
      subject: `person ${personId} effective 2022`,
      detail: expect.stringMatching(/^kept \d+ nSv for the closed year, its daily totals give/),
    });
    await sql()(
      `UPDATE dose_month_total SET dose_nsv = dose_nsv - 3 WHERE person_id = $1 AND month = '2024-02-01' AND quantity = 'effective'`,
      [personId],
    );
    expect(await reconcile(dataSource, 'UTC')).toContainEqual({
      check: 'total',
      subject: `person ${personId} effective 2024-02`,
      detail: expect.stringMatching(/^kept \d+ nSv for the closed month, its daily totals give/),
    });
    await recomputeTotals(dataSource, 'UTC', true);
    await expectClosedThroughLastMonth();
  });

  it('holds a writer of a closing month and year off until the closing commits, and then counts it there', async () => {
    await openEverything();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const clientSql: Sql = async <T>(statement: string, params?: unknown[]) =>
        (await client.query<T & pg.QueryResultRow>(statement, params)).rows;
      await client.query('BEGIN');
      expect(await closePeriods(clientSql, lastMonth)).toBe(true);
      // The closing holds its lock (sums taken, not committed): readings of last year and
      // last month arrive and must wait, then find them closed and add to their totals.
      const next = readings.length + 1;
      await publishJson(device, topic(), [
        { seq: next, measuredAt: `${lastYear}-12-31T23:00:00Z`, hp10: (hp10 += 40) },
        { seq: next + 1, measuredAt: `${lastMonth.slice(0, 8)}20T10:00:00Z`, hp10: (hp10 += 30) },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await countReadings(dataSource, serial)).toBe(readings.length);
      await client.query('COMMIT');
      await stored(next + 1);
    } finally {
      await client.end();
    }
    await expectClosedThroughLastMonth();
    await expectExposureFromDays();
    await expectPeriodSumsFromDays();
  });
});
