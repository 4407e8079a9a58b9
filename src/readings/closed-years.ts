import type { EntityManager } from 'typeorm';
import { plainArray } from '../database/array-literal.js';

/** Runs one statement in the caller's transaction and returns its rows. */
export type Sql = <T>(statement: string, params?: unknown[]) => Promise<T[]>;

/** A change to one day total: key `personId|quantity|YYYY-MM-DD`, signed nSv. */
export type DayTotalChange = readonly [key: string, nsv: bigint];

/**
 * Closes every calendar year up to `throughYear` not closed yet: their daily totals are summed
 * into `dose_year_total` and the boundary moves (DoseYearClose). The lock waits for writers of
 * daily totals in flight and holds new ones off until the commit, so every write lands either
 * in the sums taken here or, after the commit, in addToClosedYears: none is counted twice or
 * lost. It blocks ingestion for as long as the sums take, once a year (readings wait at the
 * broker, unacknowledged). Call in a transaction.
 */
export async function closeYears(sql: Sql, throughYear: number): Promise<boolean> {
  await sql('LOCK TABLE daily_dose IN SHARE ROW EXCLUSIVE MODE');
  const closed = await closedThrough(sql);
  if (closed !== null && closed >= throughYear) return false;
  await sumDaysIntoYears(sql, closed, throughYear);
  await sql('INSERT INTO dose_year_close (year) VALUES ($1)', [throughYear]);
  return true;
}

/**
 * Adds changes of daily totals that fall in closed years (through `closed`) to those years'
 * totals. Call after writing the daily totals, in the same transaction, with the boundary read
 * after that write (closedThrough, CLOSED_THROUGH): read under the write's lock on
 * `daily_dose`, a closing cannot slip between the two.
 */
export async function addToClosedYears(
  manager: EntityManager,
  changes: readonly DayTotalChange[],
  closed: number | null,
): Promise<void> {
  if (changes.length === 0 || closed === null) return;
  const people: string[] = [];
  const quantities: string[] = [];
  const years: number[] = [];
  const sums: bigint[] = [];
  for (const [key, nsv] of changes) {
    // The year from the key's end (YYYY-MM-DD): most batches have no closed day to split for.
    const year = Number(key.slice(-10, -6));
    if (year > closed) continue;
    const [personId, quantity] = key.split('|');
    people.push(personId);
    quantities.push(quantity);
    years.push(year);
    sums.push(nsv);
  }
  if (years.length === 0) return;
  await manager.query(
    `INSERT INTO dose_year_total (person_id, quantity, year, dose_nsv)
     SELECT person_id, quantity, year, sum(nsv)
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[]) AS c(person_id, quantity, year, nsv)
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (person_id, quantity, year) DO UPDATE SET dose_nsv = dose_year_total.dose_nsv + EXCLUDED.dose_nsv`,
    [plainArray(people), plainArray(quantities), plainArray(years), plainArray(sums)],
  );
}

/** Rebuilds the closed years' totals from the daily totals (recompute-totals, after its rewrite). */
export async function rebuildClosedYears(manager: EntityManager): Promise<void> {
  const sql = sqlOf(manager);
  const closed = await closedThrough(sql);
  await sql('DELETE FROM dose_year_total');
  if (closed !== null) await sumDaysIntoYears(sql, null, closed);
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

/** The last closed year, or null before the first closing. */
export async function closedThrough(sql: Sql): Promise<number | null> {
  const [row] = await sql<{ year: number | null }>(CLOSED_THROUGH.text);
  return row.year;
}

/** The last closed year (null: none), as one row `year`. */
export const CLOSED_THROUGH = { text: 'SELECT max(year) AS year FROM dose_year_close' };

/** SQL for the last day of year `param` (an int), or -infinity when it is null. */
export function yearEndOrNever(param: string): string {
  return `(CASE WHEN ${param}::int IS NULL THEN '-infinity'::date ELSE make_date(${param}::int, 12, 31) END)`;
}

export function sqlOf(manager: EntityManager): Sql {
  return (statement, params) => manager.query(statement, params);
}

export interface ClosedYearDifference {
  personId: string;
  quantity: string;
  year: number;
  keptNsv: bigint;
  daysNsv: bigint;
}

/** Closed years whose kept total is not the sum of their daily totals (reconcile; one snapshot). */
export async function closedYearDifferences(sql: Sql): Promise<ClosedYearDifference[]> {
  const rows = await sql<{
    person_id: string;
    quantity: string;
    year: number;
    kept: string | null;
    days: string | null;
  }>(
    `SELECT person_id, quantity, year, t.dose_nsv::text AS kept, d.nsv::text AS days
       FROM dose_year_total t
       FULL JOIN (SELECT person_id, quantity, extract(year FROM day)::int AS year, sum(dose_nsv) AS nsv
                    FROM daily_dose
                   WHERE day <= (SELECT ${yearEndOrNever('max(year)')} FROM dose_year_close)
                   GROUP BY 1, 2, 3) d USING (person_id, quantity, year)
      WHERE coalesce(t.dose_nsv, 0) <> coalesce(d.nsv, 0)
      ORDER BY 1, 2, 3`,
  );
  return rows.map((row) => ({
    personId: row.person_id,
    quantity: row.quantity,
    year: row.year,
    keptNsv: BigInt(row.kept ?? 0),
    daysNsv: BigInt(row.days ?? 0),
  }));
}
