import { plainArray } from '../database/array-literal.js';
import { COUNTED_ADJUSTMENTS } from './counted-adjustments.js';
import type { Statement } from '../database/pipelined.js';
import type { Piece } from './period-pieces.js';

/**
 * Every statement of the dose ledger, by name: the daily totals (`daily_dose`), the closed
 * months' and years' totals (`dose_month_total`, `dose_year_total`) and their boundaries
 * (`dose_month_close`, `dose_year_close`). ledger-statements.spec.ts renders each into a
 * snapshot, so a change to the ledger's SQL shows in review as SQL.
 *
 * Arrays go in as Postgres array literals (plainArray): one parameter per column, whatever the
 * number of rows, so each statement's text is fixed and can be prepared.
 */

/** Facility day of a daily total, YYYY-MM-DD. */
type Day = string;

/** Columns of signed changes to daily totals: person, quantity, day, nSv (as text). */
export interface DayTotalColumns {
  people: readonly string[];
  quantities: readonly string[];
  days: readonly Day[];
  nsv: readonly bigint[];
}

const dayTotalValues = (c: DayTotalColumns): string[] => [
  plainArray(c.people),
  plainArray(c.quantities),
  plainArray(c.days),
  plainArray(c.nsv),
];

/**
 * Decreases of existing daily totals (a late reading split a counted increment). An UPDATE,
 * not an upsert: Postgres checks `dose_nsv >= 0` on an upsert's proposed row before it finds
 * the row to update. The caller checks that every row was found.
 */
export const decreaseDailyTotals = (c: DayTotalColumns): Statement => ({
  text: `UPDATE daily_dose t SET dose_nsv = t.dose_nsv + d.nsv
  FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[]) AS d(person_id, quantity, day, nsv)
 WHERE t.person_id = d.person_id AND t.quantity = d.quantity AND t.day = d.day`,
  values: dayTotalValues(c),
});

/** Increases of daily totals, creating the day's row when it is the first dose of the day. */
export const increaseDailyTotals = (c: DayTotalColumns): Statement => ({
  text: `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[])
    ON CONFLICT (person_id, quantity, day) DO UPDATE SET dose_nsv = daily_dose.dose_nsv + EXCLUDED.dose_nsv`,
  values: dayTotalValues(c),
});

/** A dose adjustment's change to its day, counted in the total and in its adjustments' part; returns the new total. */
export const adjustDailyTotal = (
  personId: string,
  quantity: string,
  day: Day,
  nsv: bigint,
): Statement => ({
  text: `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv, adjustment_nsv) VALUES ($1, $2, $3, $4, $4)
    ON CONFLICT (person_id, quantity, day) DO UPDATE
   SET dose_nsv = daily_dose.dose_nsv + EXCLUDED.dose_nsv,
       adjustment_nsv = daily_dose.adjustment_nsv + EXCLUDED.adjustment_nsv
RETURNING dose_nsv::text`,
  values: [personId, quantity, day, nsv.toString()],
});

/** The last closed year and month (null: none), as one row `year`, `month` (YYYY-MM-01). */
export const closedThrough = (): Statement => ({
  text: `SELECT (SELECT max(year) FROM dose_year_close) AS year,
       (SELECT max(month)::text FROM dose_month_close) AS month`,
});

/**
 * Waits for writers of daily totals in flight and holds new ones off until the commit: a
 * closing takes its sums under it, so no write is both in them and added to them after.
 */
export const lockDailyTotals = (): Statement => ({
  text: `LOCK TABLE daily_dose IN SHARE ROW EXCLUSIVE MODE`,
});

/** Month totals from the days after month `after` (null: all) through month `through`. */
export const sumDaysIntoMonths = (after: Day | null, through: Day): Statement => ({
  text: `INSERT INTO dose_month_total (person_id, quantity, month, dose_nsv)
SELECT person_id, quantity, date_trunc('month', day)::date, sum(dose_nsv)
  FROM daily_dose
 WHERE day > ${monthEndOrNever('$1')} AND day <= ${monthEndOrNever('$2')}
 GROUP BY 1, 2, 3`,
  values: [after, through],
});

/** Year totals from the days after year `after` (null: all) through year `through`. */
export const sumDaysIntoYears = (after: number | null, through: number): Statement => ({
  text: `INSERT INTO dose_year_total (person_id, quantity, year, dose_nsv)
SELECT person_id, quantity, extract(year FROM day)::int, sum(dose_nsv)
  FROM daily_dose
 WHERE day > ${yearEndOrNever('$1')} AND day <= make_date($2, 12, 31)
 GROUP BY 1, 2, 3`,
  values: [after, through],
});

export const recordMonthClosed = (month: Day): Statement => ({
  text: `INSERT INTO dose_month_close (month) VALUES ($1)`,
  values: [month],
});

export const recordYearClosed = (year: number): Statement => ({
  text: `INSERT INTO dose_year_close (year) VALUES ($1)`,
  values: [year],
});

/** Columns of signed changes to closed months' totals (`periods`: each month's first day). */
export interface PeriodTotalColumns<P extends Day | number> {
  people: readonly string[];
  quantities: readonly string[];
  periods: readonly P[];
  nsv: readonly bigint[];
}

const periodTotalValues = <P extends Day | number>(c: PeriodTotalColumns<P>): string[] => [
  plainArray(c.people),
  plainArray(c.quantities),
  plainArray(c.periods),
  plainArray(c.nsv),
];

/** Changes to days of closed months, added to those months' totals. */
export const addToMonthTotals = (c: PeriodTotalColumns<Day>): Statement => ({
  text: `INSERT INTO dose_month_total (person_id, quantity, month, dose_nsv)
SELECT person_id, quantity, month, sum(nsv)
  FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[]) AS c(person_id, quantity, month, nsv)
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (person_id, quantity, month) DO UPDATE SET dose_nsv = dose_month_total.dose_nsv + EXCLUDED.dose_nsv`,
  values: periodTotalValues(c),
});

/** Changes to days of closed years, added to those years' totals. */
export const addToYearTotals = (c: PeriodTotalColumns<number>): Statement => ({
  text: `INSERT INTO dose_year_total (person_id, quantity, year, dose_nsv)
SELECT person_id, quantity, year, sum(nsv)
  FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[]) AS c(person_id, quantity, year, nsv)
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (person_id, quantity, year) DO UPDATE SET dose_nsv = dose_year_total.dose_nsv + EXCLUDED.dose_nsv`,
  values: periodTotalValues(c),
});

/** Empties the closed periods' totals before they are summed again from the days. */
export const clearClosedTotals = (): Statement[] => [
  { text: `DELETE FROM dose_month_total` },
  { text: `DELETE FROM dose_year_total` },
];

/**
 * Closed months and years whose kept total is not the sum of their daily totals, as rows
 * (person_id, quantity, unit, period, kept, days): the reconcile check.
 */
export const closedPeriodDifferences = (): Statement => ({
  text: `SELECT person_id, quantity, 'year' AS unit, year::text AS period, t.dose_nsv::text AS kept,
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
});

/**
 * The one statement every period sum is read by (period-sums.ts): the dose per period and
 * quantity, as rows (period, quantity, nsv), from pieces (period-pieces.ts) and which periods
 * each piece lies in.
 *
 * Each piece is read on its own (a lateral join): its rows are a range of one primary key,
 * found by the index before any row is read. A month or year piece whose period is not closed
 * yet is read as its days instead, so a closing that has not run costs time, never dose.
 */
export const periodSums = (
  pieces: readonly (Piece & { personId: string })[],
  membership: { pieces: readonly number[]; periods: readonly number[] },
): Statement => ({
  text: `WITH closed AS (SELECT (SELECT max(year) FROM dose_year_close) AS year,
                       (SELECT max(month) FROM dose_month_close) AS month),
     piece AS (SELECT p.id, p.person_id, p.first_day, p.last_day,
                      CASE WHEN p.grain = 'year' AND extract(year FROM p.last_day) <= (SELECT year FROM closed) THEN 'year'
                           WHEN p.grain = 'month' AND p.last_day < (SELECT month FROM closed) + interval '1 month' THEN 'month'
                           ELSE 'day' END AS grain
                 FROM unnest($1::int[], $2::uuid[], $3::text[], $4::date[], $5::date[])
                      AS p(id, person_id, grain, first_day, last_day)),
     piece_dose AS (SELECT p.id, s.quantity, sum(s.nsv) AS nsv
                      FROM piece p CROSS JOIN LATERAL (
                           SELECT d.quantity, d.dose_nsv AS nsv FROM daily_dose d
                            WHERE p.grain = 'day' AND d.person_id = p.person_id
                              AND d.day >= p.first_day AND d.day <= p.last_day
                           UNION ALL
                           SELECT m.quantity, m.dose_nsv FROM dose_month_total m
                            WHERE p.grain = 'month' AND m.person_id = p.person_id
                              AND m.month >= p.first_day AND m.month <= p.last_day
                           UNION ALL
                           SELECT y.quantity, y.dose_nsv FROM dose_year_total y
                            WHERE p.grain = 'year' AND y.person_id = p.person_id
                              AND y.year >= extract(year FROM p.first_day) AND y.year <= extract(year FROM p.last_day)) s
                     GROUP BY 1, 2)
SELECT m.period, d.quantity, sum(d.nsv)::text AS nsv
  FROM piece_dose d JOIN unnest($6::int[], $7::int[]) AS m(piece, period) ON m.piece = d.id
 GROUP BY 1, 2`,
  values: [
    plainArray(pieces.map((_, index) => index)),
    plainArray(pieces.map((piece) => piece.personId)),
    plainArray(pieces.map((piece) => piece.grain)),
    plainArray(pieces.map((piece) => piece.first)),
    plainArray(pieces.map((piece) => piece.last)),
    plainArray(membership.pieces),
    plainArray(membership.periods),
  ],
  prepare: true,
});

/** The people of a kind (`worker`, `patient`) with any daily total. */
export const peopleWithDose = (kind: string): Statement => ({
  text: `SELECT p.id FROM person p
 WHERE p.kind = $1 AND EXISTS (SELECT 1 FROM daily_dose d WHERE d.person_id = p.id)
 ORDER BY p.id`,
  values: [kind],
});

/** Every (person, calendar quarter `YYYY-Qn`) with a daily total: what reconcile re-evaluates. */
export const quartersWithDose = (): Statement => ({
  text: `SELECT DISTINCT person_id, to_char(day, 'YYYY') || '-Q' || extract(quarter FROM day) AS quarter
  FROM daily_dose`,
});

/** The first and last day a person has a daily total (both null without any). */
export const doseDaySpan = (personId: string): Statement => ({
  text: `SELECT min(day)::text AS first, max(day)::text AS last FROM daily_dose WHERE person_id = $1`,
  values: [personId],
});

/** A person's daily totals between two days, one row per (day, quantity): the dose chart. */
export const dailyTotals = (personId: string, first: Day, last: Day): Statement => ({
  text: `SELECT day::text AS day, quantity, dose_nsv::text AS nsv
  FROM daily_dose
 WHERE person_id = $1 AND day >= $2 AND day <= $3
 ORDER BY quantity, day`,
  values: [personId, first, last],
});

/** Every daily total with its adjustments' part (recompute-totals compares them). */
export const allDailyTotals = (): Statement => ({
  text: `SELECT person_id, quantity, day::text AS day, dose_nsv::text AS nsv, adjustment_nsv::text
  FROM daily_dose`,
});

/**
 * Each (person, quantity, day)'s sum of dose adjustments, signed. Only the `dose` kind: a
 * `reattribution` lists dose that its readings carry already (dose-adjustment.entity.ts).
 */
export const adjustmentSums = (): Statement => ({
  text: `SELECT person_id, quantity, day::text AS day, sum(dose_nsv)::text AS nsv
  FROM dose_adjustment
 WHERE ${COUNTED_ADJUSTMENTS}
 GROUP BY 1, 2, 3`,
});

/** Holds off ingestion, attribution and adjustments while the totals are rebuilt. */
export const lockForRecompute = (): Statement => ({
  text: `LOCK TABLE reading, daily_dose, badge_assignment, dose_adjustment IN SHARE ROW EXCLUSIVE MODE`,
});

/** Replaces every daily total (recompute-totals): rows of person, quantity, day, nSv, adjustments' nSv. */
export const replaceDailyTotals = (rows: readonly (readonly string[])[]): Statement[] => [
  { text: `DELETE FROM daily_dose` },
  {
    text: `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv, adjustment_nsv)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[], $5::bigint[])`,
    values: [0, 1, 2, 3, 4].map((column) => plainArray(rows.map((row) => row[column]))),
  },
];

/** SQL for the last day of year `param` (an int), or -infinity when it is null. */
function yearEndOrNever(param: string): string {
  return `(CASE WHEN ${param}::int IS NULL THEN '-infinity'::date ELSE make_date(${param}::int, 12, 31) END)`;
}

/** SQL for the last day of month `param` (its first day), or -infinity when it is null. */
function monthEndOrNever(param: string): string {
  return `(CASE WHEN ${param}::date IS NULL THEN '-infinity'::date
      ELSE (${param}::date + interval '1 month' - interval '1 day')::date END)`;
}
