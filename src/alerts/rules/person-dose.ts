import type { ApplicableLimit } from '../../limits/applicable-limits.js';
import type { InvestigationLevels } from '../../limits/investigation-levels.js';
import { ascending, sortInOrder } from '../../common/sort-in-order.js';

/** A person's dose of one quantity over the periods the dose rules compare with limits. */
export interface QuantitySums {
  /** Dose per calendar quarter (`2026-Q4`, facility time zone) of each year evaluated. */
  quarters: ReadonlyMap<string, bigint>;
  /** Rolling five years through today. */
  rolling5Years: bigint;
  /** The last PROJECTION_WINDOW_DAYS days through today. */
  recent: bigint;
  /** Since the day of the running pregnancy declaration (0 without one). */
  pregnancy: bigint;
}

/** What the dose rules know about one person whose dose just changed. */
export interface PersonDose {
  personId: string;
  limits: readonly ApplicableLimit[];
  /** Their profile's ALARA investigation levels, per quantity (none for a patient). */
  alaraLevels: readonly InvestigationLevels[];
  /** By quantity; a quantity without dose may be absent. */
  sums: ReadonlyMap<string, QuantitySums>;
  /** Quarters (`2026-Q4`) whose dose changed: the periods to evaluate. */
  touchedQuarters: readonly string[];
  /** Today, the facility day (YYYY-MM-DD). */
  today: string;
}

export const NO_DOSE: QuantitySums = {
  quarters: new Map(),
  rolling5Years: 0n,
  recent: 0n,
  pregnancy: 0n,
};

/** Dose of the calendar year: the sum of its quarters. */
export function yearDose(sums: QuantitySums, year: string): bigint {
  let total = 0n;
  const prefix = `${year}-`;
  for (const [quarter, nsv] of sums.quarters) if (quarter.startsWith(prefix)) total += nsv;
  return total;
}

/** Distinct years (YYYY) of the quarters, in order. */
export function yearsOf(quarters: readonly string[]): string[] {
  return sortInOrder([...new Set(quarters.map((quarter) => quarter.slice(0, 4)))], ascending);
}
