import type { EntityManager } from 'typeorm';
import type { QuantitySums } from './rules/person-dose.js';

/** Which of a person's daily totals to add up: from `fromDay` on, with the sub-periods' starts. */
export interface DoseWindow {
  personId: string;
  /** The earliest day any period needs. */
  fromDay: string;
  rolling5YearsFrom: string;
  pregnancyFrom: string | null;
}

interface Row {
  person_id: string;
  quantity: string;
  year: number;
  quarter: number;
  total: string;
  rolling5: string;
  recent: string;
  pregnancy: string;
}

/**
 * The dose sums of every person in one statement (DESIGN.md §6: set-based, not per person):
 * per quantity and calendar quarter from each person's `fromDay`, and the rolling-5-year,
 * recent and pregnancy sums. Daily totals are facility-time-zone days, so quarters are too.
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
  for (const row of rows) {
    const byQuantity = sums.get(row.person_id) ?? new Map<string, QuantitySums>();
    sums.set(row.person_id, byQuantity);
    const known = byQuantity.get(row.quantity);
    const quarters = new Map(known?.quarters);
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
