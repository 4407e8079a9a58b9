import type { EntityManager } from 'typeorm';
import { plainArray } from '../database/array-literal.js';
import { formatDay, monthStart } from '../calendar/days.js';

/** Runs one statement in the caller's transaction and returns its rows. */
export type Sql = <T>(statement: string, params?: unknown[]) => Promise<T[]>;

/** A change to one day total: key `personId|quantity|YYYY-MM-DD`, signed nSv. */
export type DayTotalChange = readonly [key: string, nsv: bigint];

/**
 * The last closed calendar year and month (its first day, YYYY-MM-01), each null before the
 * first closing. A closed period's days are also kept summed in `dose_year_total` or
 * `dose_month_total`, so sums over long periods read a row per year or month instead of a
 * heap page per day.
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
  const month = Number(throughMonth.slice(5, 7));
  const throughYear = Number(throughMonth.slice(0, 4)) - (month === 12 ? 0 : 1);
  const open = (closed: ClosedPeriods) => ({
    months: closed.month === null || closed.month < throughMonth,
    years: throughYear >= 1 && (closed.year === null || closed.year < throughYear),
  });
  // Boundaries only move forward: when both are there already (every hourly check but the
  // first after a month's end), there is nothing to lock ingestion out for.
  const before = open(await closedThrough(sql));
  if (!before.months && !before.years) return false;
  await sql('LOCK TABLE daily_dose IN SHARE ROW EXCLUSIVE MODE');
  const closed = await closedThrough(sql);
  let moved = false;
  if (open(closed).months) {
    await sumDaysIntoMonths(sql, closed.month, throughMonth);
    await sql('INSERT INTO dose_month_close (month) VALUES ($1)', [throughMonth]);
    moved = true;
  }
  if (open(closed).years) {
    await sumDaysIntoYears(sql, closed.year, throughYear);
    await sql('INSERT INTO dose_year_close (year) VALUES ($1)', [throughYear]);
    moved = true;
  }
  return moved;
}

/**
 * Adds changes of daily totals that fall in closed periods to those periods' totals. Call
 * after writing the daily totals, in the same transaction, with the boundaries read after that
 * write (closedThrough, CLOSED_THROUGH): read under the write's lock on `daily_dose`, a closing
 * cannot slip between the two.
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
    if (inClosedYear) years.add(personId, quantity, Number(day.slice(0, 4)), nsv);
  }
  await addTo(manager, 'dose_month_total', 'month', 'date', months);
  await addTo(manager, 'dose_year_total', 'year', 'int', years);
}

/** Changes to closed periods' totals, as unnest columns. */
class ClosedChanges<P extends string | number> {
  readonly people: string[] = [];
  readonly quantities: string[] = [];
  readonly periods: P[] = [];
  readonly sums: bigint[] = [];

  add(personId: string, quantity: string, period: P, nsv: bigint): void {
    this.people.push(personId);
    this.quantities.push(quantity);
    this.periods.push(period);
    this.sums.push(nsv);
  }
}

async function addTo<P extends string | number>(
  manager: EntityManager,
  table: 'dose_month_total' | 'dose_year_total',
  column: 'month' | 'year',
  type: 'date' | 'int',
  changes: ClosedChanges<P>,
): Promise<void> {
  if (changes.periods.length === 0) return;
  await manager.query(
    `INSERT INTO ${table} (person_id, quantity, ${column}, dose_nsv)
     SELECT person_id, quantity, period, sum(nsv)
       FROM unnest($1::uuid[], $2::text[], $3::${type}[], $4::bigint[]) AS c(person_id, quantity, period, nsv)
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (person_id, quantity, ${column}) DO UPDATE SET dose_nsv = ${table}.dose_nsv + EXCLUDED.dose_nsv`,
    [
      plainArray(changes.people),
      plainArray(changes.quantities),
      plainArray(changes.periods),
      plainArray(changes.sums),
    ],
  );
}

/** Rebuilds the closed periods' totals from the daily totals (recompute-totals, after its rewrite). */
export async function rebuildClosedPeriods(manager: EntityManager): Promise<void> {
  const sql = sqlOf(manager);
  const closed = await closedThrough(sql);
  await sql('DELETE FROM dose_month_total');
  await sql('DELETE FROM dose_year_total');
  if (closed.month !== null) await sumDaysIntoMonths(sql, null, closed.month);
  if (closed.year !== null) await sumDaysIntoYears(sql, null, closed.year);
}

/** Month totals from the daily totals of the months after `afterMonth` (null: all) through `throughMonth`. */
async function sumDaysIntoMonths(sql: Sql, afterMonth: string | null, throughMonth: string) {
  await sql(
    `INSERT INTO dose_month_total (person_id, quantity, month, dose_nsv)
     SELECT person_id, quantity, date_trunc('month', day)::date, sum(dose_nsv)
       FROM daily_dose
      WHERE day > ${monthEndOrNever('$1')} AND day <= ${monthEndOrNever('$2')}
      GROUP BY 1, 2, 3`,
    [afterMonth, throughMonth],
  );
}

/** Year totals from the daily totals of the years after `afterYear` (null: all) through `throughYear`. */
async function sumDaysIntoYears(sql: Sql, afterYear: number | null, throughYear: number) {
  await sql(
    `INSERT INTO dose_year_total (person_id, quantity, year, dose_nsv)
     SELECT person_id, quantity, extract(year FROM day)::int, sum(dose_nsv)
       FROM daily_dose
      WHERE day > ${yearEndOrNever('$1')} AND day <= make_date($2, 12, 31)
      GROUP BY 1, 2, 3`,
    [afterYear, throughYear],
  );
}

/** The last closed year and month. */
export async function closedThrough(sql: Sql): Promise<ClosedPeriods> {
  const [row] = await sql<Record<string, unknown>>(CLOSED_THROUGH.text);
  return closedPeriodsOf(row);
}

/** The boundaries in CLOSED_THROUGH's row. */
export function closedPeriodsOf(row: Record<string, unknown>): ClosedPeriods {
  return { year: row.year as number | null, month: row.month as string | null };
}

/** The last closed year and month (null: none), as one row `year`, `month`. */
export const CLOSED_THROUGH = {
  text: `SELECT (SELECT max(year) FROM dose_year_close) AS year,
                (SELECT max(month)::text FROM dose_month_close) AS month`,
};

/** SQL for the last day of year `param` (an int), or -infinity when it is null. */
export function yearEndOrNever(param: string): string {
  return `(CASE WHEN ${param}::int IS NULL THEN '-infinity'::date ELSE make_date(${param}::int, 12, 31) END)`;
}

/** SQL for the last day of month `param` (its first day), or -infinity when it is null. */
export function monthEndOrNever(param: string): string {
  return `(CASE WHEN ${param}::date IS NULL THEN '-infinity'::date
                ELSE (${param}::date + interval '1 month' - interval '1 day')::date END)`;
}

export function sqlOf(manager: EntityManager): Sql {
  return (statement, params) => manager.query(statement, params);
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
  const rows = await sql<{
    person_id: string;
    quantity: string;
    unit: 'year' | 'month';
    period: string;
    kept: string | null;
    days: string | null;
  }>(
    `SELECT person_id, quantity, 'year' AS unit, year::text AS period, t.dose_nsv::text AS kept,
            d.nsv::text AS days
       FROM dose_year_total t
       FULL JOIN (SELECT person_id, quantity, extract(year FROM day)::int AS year, sum(dose_nsv) AS nsv
                    FROM daily_dose
                   WHERE day <= (SELECT ${yearEndOrNever('max(year)')} FROM dose_year_close)
                   GROUP BY 1, 2, 3) d USING (person_id, quantity, year)
      WHERE coalesce(t.dose_nsv, 0) <> coalesce(d.nsv, 0)
     UNION ALL
     SELECT person_id, quantity, 'month', to_char(month, 'YYYY-MM'), t.dose_nsv::text, d.nsv::text
       FROM dose_month_total t
       FULL JOIN (SELECT person_id, quantity, date_trunc('month', day)::date AS month, sum(dose_nsv) AS nsv
                    FROM daily_dose
                   WHERE day <= (SELECT ${monthEndOrNever('max(month)')} FROM dose_month_close)
                   GROUP BY 1, 2, 3) d USING (person_id, quantity, month)
      WHERE coalesce(t.dose_nsv, 0) <> coalesce(d.nsv, 0)
      ORDER BY 1, 2, 4`,
  );
  return rows.map((row) => ({
    personId: row.person_id,
    quantity: row.quantity,
    unit: row.unit,
    period: row.period,
    keptNsv: BigInt(row.kept ?? 0),
    daysNsv: BigInt(row.days ?? 0),
  }));
}
