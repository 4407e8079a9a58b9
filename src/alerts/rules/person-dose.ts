import type { ApplicableLimit, PersonCategories } from '../../limits/applicable-limits.js';
import type { InvestigationLevels } from '../../limits/investigation-levels.js';
import { ascending, sortInOrder } from '../../common/sort-in-order.js';

/** A person's dose of one quantity over the periods the dose rules compare with limits. */
export interface QuantitySums {
  /** Dose per calendar quarter (`2026-Q4`, facility time zone) of each year evaluated. */
  quarters: ReadonlyMap<string, bigint>;
  /**
   * Dose per calendar year (`2026`) evaluated: summed over the year's days, not its quarters'
   * records (the most exposed extremity of a year is not the sum of its quarters').
   */
  years: ReadonlyMap<string, bigint>;
  /** Rolling five years through today. */
  rolling5Years: bigint;
  /** The last PROJECTION_WINDOW_DAYS days through today. */
  recent: bigint;
  /** Since the first day of the running pregnancy's period (0 without one). */
  pregnancy: bigint;
  /** Per calendar month (`2026-11`) of the running pregnancy evaluated: its part in the pregnancy. */
  pregnancyMonths: ReadonlyMap<string, bigint>;
}

/** What the dose rules know about one person whose dose just changed. */
export interface PersonDose {
  personId: string;
  limits: readonly ApplicableLimit[];
  /** Their category today and `eu` classification (the classification rule); absent: none. */
  categories?: PersonCategories;
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
  years: new Map(),
  rolling5Years: 0n,
  recent: 0n,
  pregnancy: 0n,
  pregnancyMonths: new Map(),
};

/** Dose of the calendar year (0 when it was not evaluated or had none). */
export function yearDose(sums: QuantitySums, year: string): bigint {
  return sums.years.get(year) ?? 0n;
}

/** Distinct years (YYYY) of the quarters, in order. */
export function yearsOf(quarters: readonly string[]): string[] {
  return sortInOrder([...new Set(quarters.map((quarter) => quarter.slice(0, 4)))], ascending);
}

/**
 * Sums whose years are the sums of their quarters, as they are for every quantity but the
 * extremity record (extremity-sides.ts): how worked scenarios state a person's dose.
 */
export function fromQuarters(
  sums: Omit<QuantitySums, 'years' | 'pregnancyMonths'> & Partial<QuantitySums>,
): QuantitySums {
  const years = new Map<string, bigint>();
  for (const [quarter, nsv] of sums.quarters) {
    const year = quarter.slice(0, 4);
    years.set(year, (years.get(year) ?? 0n) + nsv);
  }
  return { years, pregnancyMonths: new Map(), ...sums };
}
