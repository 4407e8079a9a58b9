import type { EntityManager } from 'typeorm';
import { plainArray } from '../database/array-literal.js';
import { formatDay } from '../calendar/days.js';
import { closedThrough, monthEndOrNever, sqlOf } from '../readings/closed-periods.js';
import type { QuantitySums } from './rules/person-dose.js';

/**
 * Which of a person's daily totals to add up: per quarter from `fromDay` on, and the rolling
 * five years and the pregnancy from their starts (which may lie before `fromDay`).
 */
export interface DoseWindow {
  personId: string;
  /** The earliest day needed per quarter. */
  fromDay: string;
  /** Null without a 5-year limit: the sum then goes unused (0). */
  rolling5YearsFrom: string | null;
  pregnancyFrom: string | null;
}

interface Row {
  person_id: string;
  quantity: string;
  /** Null in the rows of loadEarlierSums, which belong to no quarter. */
  year: number | null;
  quarter: number | null;
  total: string;
  rolling5: string;
  recent: string;
  pregnancy: string;
}

/**
 * The dose sums of every person in one statement (DESIGN.md §6: set-based, not per person):
 * per quantity and calendar quarter from each person's `fromDay`, and the rolling-5-year,
 * recent and pregnancy sums. Daily totals are facility-time-zone days, so quarters are too.
 * The parts of the rolling five years and the pregnancy before `fromDay` come from
 * loadEarlierSums.
 *
 * Each closed month from `fromDay` on is read as its one `dose_month_total` row: by November
 * a person's year is ten month rows and this month's days instead of 300 daily totals, each on
 * a heap page of its own. A period that starts inside a closed month (`fromDay`, the recent
 * window, a pregnancy) reads that month's days from its start instead, as "edge" days, which
 * count only in the periods whose start lies after the month's first day (and so do not count
 * the month's row).
 */
export async function loadDoseSums(
  manager: EntityManager,
  windows: readonly DoseWindow[],
  recentFrom: string,
): Promise<Map<string, Map<string, QuantitySums>>> {
  const sums = new Map<string, Map<string, QuantitySums>>();
  if (windows.length === 0) return sums;
  // A closed day counts from `start` on when its month is not counted as a row: the month
  // began before `start` or before `fromDay` (no month row before fromDay is read).
  const from = (start: string) =>
    `day >= ${start} AND (NOT edge OR date_trunc('month', day) < greatest(${start}, w.from_day))`;
  // Per person (a lateral join): each one's few dozen rows are summed on their own, instead of
  // everyone's rows sorted together. Each branch bounds `day` by plain comparisons, which the
  // primary key's index checks before reading a row: an OR of ranges would read every day
  // from fromDay on.
  const rows = await manager.query<Row[]>(
    `WITH w AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[])
                           AS w(person_id, from_day, rolling5_from, pregnancy_from)),
          closed AS (SELECT max(month) AS month, ${monthEndOrNever('max(month)')} AS last_day
                       FROM dose_month_close)
     SELECT w.person_id, s.* FROM w CROSS JOIN LATERAL (
       SELECT quantity, extract(year FROM day)::int AS year, extract(quarter FROM day)::int AS quarter,
              coalesce(sum(nsv) FILTER (WHERE ${from('w.from_day')}), 0)::text AS total,
              coalesce(sum(nsv) FILTER (WHERE ${from('w.rolling5_from')}), 0)::text AS rolling5,
              coalesce(sum(nsv) FILTER (WHERE ${from('$5::date')}), 0)::text AS recent,
              coalesce(sum(nsv) FILTER (WHERE ${from('w.pregnancy_from')}), 0)::text AS pregnancy
         FROM (SELECT t.quantity, t.month AS day, t.dose_nsv AS nsv, false AS edge
                 FROM dose_month_total t
                WHERE t.person_id = w.person_id AND t.month >= w.from_day
                  AND t.month <= (SELECT month FROM closed)
               UNION ALL
               SELECT d.quantity, d.day, d.dose_nsv, false
                 FROM daily_dose d
                WHERE d.person_id = w.person_id AND d.day >= w.from_day
                  AND d.day > (SELECT last_day FROM closed)
               UNION ALL
               -- Edge days: the closed month of each period start, from the start on (once
               -- each, when two periods start in one month).
               SELECT DISTINCT d.quantity, d.day, d.dose_nsv, true
                 FROM (VALUES (w.from_day), ($5::date), (w.rolling5_from), (w.pregnancy_from)) s(start)
                 JOIN daily_dose d ON d.person_id = w.person_id
                  AND d.day >= greatest(s.start, w.from_day)
                  AND d.day < date_trunc('month', s.start) + interval '1 month'
                  AND d.day <= (SELECT last_day FROM closed)
                WHERE date_trunc('month', s.start) < s.start) parts
        GROUP BY 1, 2, 3) s`,
    [
      plainArray(windows.map((w) => w.personId)),
      plainArray(windows.map((w) => w.fromDay)),
      plainArray(windows.map((w) => w.rolling5YearsFrom)),
      plainArray(windows.map((w) => w.pregnancyFrom)),
      recentFrom,
    ],
  );
  for (const row of [...rows, ...(await loadEarlierSums(manager, windows))]) {
    const byQuantity = sums.get(row.person_id) ?? new Map<string, QuantitySums>();
    sums.set(row.person_id, byQuantity);
    const known = byQuantity.get(row.quantity);
    const quarters = new Map(known?.quarters);
    if (row.year !== null)
      quarters.set(`${String(row.year).padStart(4, '0')}-Q${row.quarter}`, BigInt(row.total));
    byQuantity.set(row.quantity, {
      quarters,
      rolling5Years: (known?.rolling5Years ?? 0n) + BigInt(row.rolling5),
      recent: (known?.recent ?? 0n) + BigInt(row.recent),
      pregnancy: (known?.pregnancy ?? 0n) + BigInt(row.pregnancy),
    });
  }
  return sums;
}

/**
 * The rolling five years' and the pregnancy's dose before each window's `fromDay`: each
 * closed year as its `dose_year_total` row (or, for the year a period starts inside of, that
 * year's days from the start), and the days of years not closed. Without it, every evaluation
 * of a person with a 5-year limit read five years of daily totals, a heap page per day
 * (bench/README.md, "Closed months and years"). A person without
 * closed-year totals costs one index probe; days are read only where a period starts inside a
 * closed year, or for years not closed yet.
 */
async function loadEarlierSums(
  manager: EntityManager,
  windows: readonly DoseWindow[],
): Promise<Row[]> {
  const earlier: (DoseWindow & { earliest: string })[] = [];
  for (const w of windows) {
    let earliest: string | null = null;
    for (const day of [w.rolling5YearsFrom, w.pregnancyFrom])
      if (day !== null && day < w.fromDay && (earliest === null || day < earliest)) earliest = day;
    if (earliest !== null) earlier.push({ ...w, earliest });
  }
  if (earlier.length === 0) return [];
  const closed = (await closedThrough(sqlOf(manager))).year;
  // Per window, the last closed year wholly before its fromDay (fromDay's own year is read by day).
  const rolled = earlier.map((w) => {
    const last = closed === null ? 0 : Math.min(closed, Number(w.fromDay.slice(0, 4)) - 1);
    return { ...w, rolledYear: last >= Number(w.earliest.slice(0, 4)) ? last : null };
  });
  const rows: Row[] = [];
  const inYears = rolled.filter((w) => w.rolledYear !== null);
  if (inYears.length > 0) {
    const yearPart = (from: string) =>
      `(CASE WHEN make_date(t.year, 1, 1) >= ${from} THEN t.dose_nsv
             WHEN t.year = extract(year FROM ${from}) THEN
               (SELECT coalesce(sum(d.dose_nsv), 0) FROM daily_dose d
                 WHERE d.person_id = w.person_id AND d.quantity = t.quantity
                   AND d.day >= ${from} AND d.day <= make_date(t.year, 12, 31))
             ELSE 0 END)::text`;
    rows.push(
      ...(await manager.query<Row[]>(
        `SELECT w.person_id, t.quantity, NULL AS year, NULL AS quarter, '0' AS total, '0' AS recent,
                ${yearPart('w.rolling5_from')} AS rolling5, ${yearPart('w.pregnancy_from')} AS pregnancy
           FROM unnest($1::uuid[], $2::date[], $3::date[], $4::int[], $5::int[])
                AS w(person_id, rolling5_from, pregnancy_from, first_year, rolled_year)
           JOIN dose_year_total t ON t.person_id = w.person_id
                                 AND t.year >= w.first_year AND t.year <= w.rolled_year`,
        [
          plainArray(inYears.map((w) => w.personId)),
          plainArray(inYears.map((w) => w.rolling5YearsFrom)),
          plainArray(inYears.map((w) => w.pregnancyFrom)),
          plainArray(inYears.map((w) => Number(w.earliest.slice(0, 4)))),
          plainArray(inYears.map((w) => w.rolledYear)),
        ],
      )),
    );
  }
  const openFrom = (w: (typeof rolled)[number]) => {
    const afterRolled = w.rolledYear === null ? w.earliest : formatDay(w.rolledYear + 1, 1, 1);
    return afterRolled > w.earliest ? afterRolled : w.earliest;
  };
  const open = rolled.filter((w) => openFrom(w) < w.fromDay);
  if (open.length > 0) {
    rows.push(
      ...(await manager.query<Row[]>(
        `SELECT w.person_id, d.quantity, NULL AS year, NULL AS quarter, '0' AS total, '0' AS recent,
                coalesce(sum(d.dose_nsv) FILTER (WHERE d.day >= w.rolling5_from), 0)::text AS rolling5,
                coalesce(sum(d.dose_nsv) FILTER (WHERE d.day >= w.pregnancy_from), 0)::text AS pregnancy
           FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[], $5::date[])
                AS w(person_id, open_from, from_day, rolling5_from, pregnancy_from)
           JOIN daily_dose d ON d.person_id = w.person_id AND d.day >= w.open_from AND d.day < w.from_day
          GROUP BY w.person_id, d.quantity`,
        [
          plainArray(open.map((w) => w.personId)),
          plainArray(open.map(openFrom)),
          plainArray(open.map((w) => w.fromDay)),
          plainArray(open.map((w) => w.rolling5YearsFrom)),
          plainArray(open.map((w) => w.pregnancyFrom)),
        ],
      )),
    );
  }
  return rows;
}
