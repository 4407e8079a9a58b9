import type { EntityManager } from 'typeorm';
import { yearEndOrNever } from '../readings/closed-years.js';
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
 */
export async function loadDoseSums(
  manager: EntityManager,
  windows: readonly DoseWindow[],
  recentFrom: string,
): Promise<Map<string, Map<string, QuantitySums>>> {
  const sums = new Map<string, Map<string, QuantitySums>>();
  if (windows.length === 0) return sums;
  const rows = await manager.query<Row[]>(
    `SELECT d.person_id, d.quantity,
            extract(year FROM d.day)::int AS year, extract(quarter FROM d.day)::int AS quarter,
            sum(d.dose_nsv)::text AS total,
            coalesce(sum(d.dose_nsv) FILTER (WHERE d.day >= w.rolling5_from), 0)::text AS rolling5,
            coalesce(sum(d.dose_nsv) FILTER (WHERE d.day >= $5::date), 0)::text AS recent,
            coalesce(sum(d.dose_nsv) FILTER (WHERE d.day >= w.pregnancy_from), 0)::text AS pregnancy
       FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[])
            AS w(person_id, from_day, rolling5_from, pregnancy_from)
       JOIN daily_dose d ON d.person_id = w.person_id AND d.day >= w.from_day
      GROUP BY d.person_id, d.quantity, 3, 4`,
    [
      windows.map((w) => w.personId),
      windows.map((w) => w.fromDay),
      windows.map((w) => w.rolling5YearsFrom),
      windows.map((w) => w.pregnancyFrom),
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
 * closed year whole inside the period as its `dose_year_total` row, the days of a closed year
 * the period starts inside of, and the days of years not closed (closed-years.ts; the same
 * reading of a period as the exposure's). Without it, every evaluation of a person with a
 * 5-year limit read five years of daily totals, a heap page per day: 4.9 s for 2 000 people
 * of the benchmark's history (EXPLAIN ANALYZE, issue 6). The days are three index ranges,
 * not one range with ORs: Postgres filtered those row by row over all five years.
 */
async function loadEarlierSums(
  manager: EntityManager,
  windows: readonly DoseWindow[],
): Promise<Row[]> {
  const earlier = windows.filter(
    (w) =>
      (w.rolling5YearsFrom !== null && w.rolling5YearsFrom < w.fromDay) ||
      (w.pregnancyFrom !== null && w.pregnancyFrom < w.fromDay),
  );
  if (earlier.length === 0) return [];
  const inPeriod = (from: string) =>
    `coalesce(sum(p.nsv) FILTER (WHERE p.day >= ${from} AND (NOT p.edge OR date_trunc('year', p.day) < ${from})), 0)::text`;
  // A closed year's days from a period's start to the year's end (the year is no total there).
  const edgeDays = (from: string) =>
    `d.day >= ${from} AND d.day <= make_date(extract(year FROM ${from})::int, 12, 31) AND d.day <= w.last_rolled`;
  return manager.query<Row[]>(
    `WITH closed AS (SELECT max(year) AS year FROM dose_year_close),
          w AS (SELECT u.*, least(u.rolling5_from, u.pregnancy_from) AS earliest, r.year AS rolled_year,
                       ${yearEndOrNever('r.year')} AS last_rolled
                  FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[])
                       AS u(person_id, from_day, rolling5_from, pregnancy_from),
                       LATERAL (SELECT CASE WHEN c.year IS NOT NULL
                                            AND least(c.year, extract(year FROM u.from_day)::int - 1) >= 1
                                            THEN least(c.year, extract(year FROM u.from_day)::int - 1) END AS year
                                  FROM closed c) r)
     SELECT w.person_id, p.quantity, NULL AS year, NULL AS quarter, '0' AS total,
            ${inPeriod('w.rolling5_from')} AS rolling5, '0' AS recent,
            ${inPeriod('w.pregnancy_from')} AS pregnancy
       FROM w CROSS JOIN LATERAL (
              SELECT d.quantity, d.day, d.dose_nsv AS nsv, false AS edge
                FROM daily_dose d
               WHERE d.person_id = w.person_id AND d.day >= w.earliest AND d.day < w.from_day
                 AND d.day > w.last_rolled
              UNION ALL
              SELECT d.quantity, d.day, d.dose_nsv, true
                FROM daily_dose d
               WHERE d.person_id = w.person_id AND ${edgeDays('w.rolling5_from')}
              UNION ALL
              SELECT d.quantity, d.day, d.dose_nsv, true
                FROM daily_dose d
               WHERE d.person_id = w.person_id AND ${edgeDays('w.pregnancy_from')}
                 AND NOT coalesce(${edgeDays('w.rolling5_from')}, false)
              UNION ALL
              SELECT t.quantity, make_date(t.year, 1, 1), t.dose_nsv, false
                FROM dose_year_total t
               WHERE t.person_id = w.person_id AND t.year <= w.rolled_year
                 AND make_date(t.year, 1, 1) >= w.earliest) AS p
      GROUP BY w.person_id, p.quantity`,
    [
      earlier.map((w) => w.personId),
      earlier.map((w) => w.fromDay),
      earlier.map((w) => w.rolling5YearsFrom),
      earlier.map((w) => w.pregnancyFrom),
    ],
  );
}
