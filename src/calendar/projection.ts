import { addDays } from './days.js';
import type { DayRange } from './periods.js';

/**
 * Days whose mean daily dose projects the rest of the year (DESIGN.md §5 `projected`, §8
 * `projectedYearEnd`). DESIGN.md §5 names a 30-day rate.
 */
export const PROJECTION_WINDOW_DAYS = 30;

/**
 * The year-end dose if the mean daily dose of the last PROJECTION_WINDOW_DAYS days goes on
 * for the rest of the year: this year's dose + recent dose × days left ÷ window days, in
 * integer nSv (truncated).
 */
export function projectYearEnd(yearNsv: bigint, recentNsv: bigint, daysLeft: number): bigint {
  return yearNsv + (recentNsv * BigInt(daysLeft)) / BigInt(PROJECTION_WINDOW_DAYS);
}

/** The days of the projection window that ends on `asOfDay`. */
export function projectionWindow(asOfDay: string): DayRange {
  return { first: addDays(asOfDay, 1 - PROJECTION_WINDOW_DAYS), last: asOfDay };
}
