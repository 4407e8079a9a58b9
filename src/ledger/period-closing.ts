import type { EntityManager } from 'typeorm';
import { formatDay, monthStart, yearOf } from '../calendar/days.js';
import type { Statement } from '../database/pipelined.js';
import {
  addToMonthTotals,
  addToYearTotals,
  clearClosedTotals,
  closedPeriodDifferences as closedPeriodDifferencesStatement,
  closedThrough as closedThroughStatement,
  lockDailyTotals,
  recordMonthClosed,
  recordYearClosed,
  sumDaysIntoMonths,
  sumDaysIntoYears,
  type PeriodTotalColumns,
} from './ledger-statements.js';

/** Runs one statement in the caller's transaction and returns its rows. */
export type Sql = <T>(statement: string, params?: unknown[]) => Promise<T[]>;

export function sqlOf(manager: EntityManager): Sql {
  return (statement, params) => manager.query(statement, params);
}

const run = <T>(sql: Sql, statement: Statement): Promise<T[]> =>
  sql<T>(statement.text, statement.values);

/** A change to one day total: key `personId|quantity|YYYY-MM-DD`, signed nSv. */
export type DayTotalChange = readonly [key: string, nsv: bigint];

/**
 * The last closed calendar year and month (its first day, YYYY-MM-01), each null before the
 * first closing. A closed period's days are also kept summed in `dose_year_total` or
 * `dose_month_total`, so sums over long periods read a row per year or month instead of a
 * heap page per day (bench/README.md, "Closed months and years").
 */
export interface ClosedPeriods {
  year: number | null;
  month: string | null;
}

/**
 * Closes every calendar month through `throughMonth` (YYYY-MM-01) and every year it ends, not
 * closed yet: their daily totals are summed into `dose_month_total` and `dose_year_total` and
 * the boundaries move (DoseMonthClose, DoseYearClose). The lock waits for writers of daily
 * totals in flight and holds new ones off until the commit, so every write lands either in the
 * sums taken here or, after the commit, in addToClosedPeriods: none is counted twice or lost.
 * It blocks ingestion for as long as the sums take, once a month (readings wait at the broker,
 * unacknowledged). Call in a transaction. True when a boundary moved.
 */
export async function closePeriods(sql: Sql, throughMonth: string): Promise<boolean> {
  const throughYear = yearOf(monthStart(throughMonth, 1)) - 1;
  const open = (closed: ClosedPeriods) => ({
    months: closed.month === null || closed.month < throughMonth,
    years: throughYear >= 1 && (closed.year === null || closed.year < throughYear),
  });
  // Boundaries only move forward: when both are there already (every hourly check but the
  // first after a month's end), there is nothing to lock ingestion out for.
  const before = open(await closedThrough(sql));
  if (!before.months && !before.years) return false;
  await run(sql, lockDailyTotals());
  const closed = await closedThrough(sql);
  let moved = false;
  if (open(closed).months) {
    await run(sql, sumDaysIntoMonths(closed.month, throughMonth));
    await run(sql, recordMonthClosed(throughMonth));
    moved = true;
  }
  if (open(closed).years) {
    await run(sql, sumDaysIntoYears(closed.year, throughYear));
    await run(sql, recordYearClosed(throughYear));
    moved = true;
  }
  return moved;
}

/**
 * Adds changes of daily totals that fall in closed periods to those periods' totals. Call
 * after writing the daily totals, in the same transaction, with the boundaries read after that
 * write (closedThrough): read under the write's lock on `daily_dose`, a closing cannot slip
 * between the two.
 */
export async function addToClosedPeriods(
  manager: EntityManager,
  changes: readonly DayTotalChange[],
  closed: ClosedPeriods,
): Promise<void> {
  // The first day of each kind not closed ('' when none is: no day comes before it).
  const monthsOpenFrom = closed.month === null ? '' : monthStart(closed.month, 1);
  const yearsOpenFrom = closed.year === null ? '' : formatDay(closed.year + 1, 1, 1);
  const months = new ClosedChanges<string>();
  const years = new ClosedChanges<number>();
  for (const [key, nsv] of changes) {
    // The day from the key's end: most batches have no closed day to split for.
    const day = key.slice(-10);
    const inClosedMonth = day < monthsOpenFrom;
    const inClosedYear = day < yearsOpenFrom;
    if (!inClosedMonth && !inClosedYear) continue;
    const [personId, quantity] = key.split('|');
    if (inClosedMonth) months.add(personId, quantity, monthStart(day), nsv);
    if (inClosedYear) years.add(personId, quantity, yearOf(day), nsv);
  }
  if (months.periods.length > 0) await run(sqlOf(manager), addToMonthTotals(months));
  if (years.periods.length > 0) await run(sqlOf(manager), addToYearTotals(years));
}

/** Changes to closed periods' totals, as unnest columns. */
class ClosedChanges<P extends string | number> implements PeriodTotalColumns<P> {
  readonly people: string[] = [];
  readonly quantities: string[] = [];
  readonly periods: P[] = [];
  readonly nsv: bigint[] = [];

  add(personId: string, quantity: string, period: P, nsv: bigint): void {
    this.people.push(personId);
    this.quantities.push(quantity);
    this.periods.push(period);
    this.nsv.push(nsv);
  }
}

/** Rebuilds the closed periods' totals from the daily totals (recompute-totals, after its rewrite). */
export async function rebuildClosedPeriods(manager: EntityManager): Promise<void> {
  const sql = sqlOf(manager);
  const closed = await closedThrough(sql);
  for (const statement of clearClosedTotals()) await run(sql, statement);
  if (closed.month !== null) await run(sql, sumDaysIntoMonths(null, closed.month));
  if (closed.year !== null) await run(sql, sumDaysIntoYears(null, closed.year));
}

/** The last closed year and month. */
export async function closedThrough(sql: Sql): Promise<ClosedPeriods> {
  const [row] = await run<Record<string, unknown>>(sql, closedThroughStatement());
  return closedPeriodsOf(row);
}

/** The boundaries in a row of the closedThrough statement. */
export function closedPeriodsOf(row: Record<string, unknown>): ClosedPeriods {
  return { year: row.year as number | null, month: row.month as string | null };
}

export interface ClosedPeriodDifference {
  personId: string;
  quantity: string;
  unit: 'year' | 'month';
  /** YYYY for a year, YYYY-MM for a month. */
  period: string;
  keptNsv: bigint;
  daysNsv: bigint;
}

/** Closed periods whose kept total is not the sum of their daily totals (reconcile; one snapshot). */
export async function closedPeriodDifferences(sql: Sql): Promise<ClosedPeriodDifference[]> {
  const rows = await run<{
    person_id: string;
    quantity: string;
    unit: 'year' | 'month';
    period: string;
    kept: string | null;
    days: string | null;
  }>(sql, closedPeriodDifferencesStatement());
  return rows.map((row) => ({
    personId: row.person_id,
    quantity: row.quantity,
    unit: row.unit,
    period: row.period,
    keptNsv: BigInt(row.kept ?? 0),
    daysNsv: BigInt(row.days ?? 0),
  }));
}
