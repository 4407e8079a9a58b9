import {
  addDays,
  daysBetween,
  formatDay,
  monthEnd,
  monthStart,
  monthsBefore,
  parseDay,
  yearOf,
} from './days.js';

/** A span of facility days, both ends included. */
export interface DayRange {
  first: string;
  last: string;
}

/**
 * Record periods of DESIGN.md §1 on facility-time-zone calendar days (YYYY-MM-DD): each
 * period runs from its first day through the day of `asOf`, inclusive.
 */
export interface PeriodStarts {
  quarter: string;
  year: string;
  rolling12Months: string;
  rolling5Years: string;
}

export function periodStarts(asOfDay: string): PeriodStarts {
  const { year, month } = parseDay(asOfDay);
  const quarterMonth = month - ((month - 1) % 3);
  return {
    quarter: formatDay(year, quarterMonth, 1),
    year: formatDay(year, 1, 1),
    // A rolling window of N months ending today starts the day after the same day N months ago.
    rolling12Months: addDays(monthsBefore(asOfDay, 12), 1),
    rolling5Years: addDays(monthsBefore(asOfDay, 60), 1),
  };
}

/** The kinds of period a dose limit is set for (DESIGN.md §5). */
export type LimitPeriod = 'year' | '5years' | 'pregnancy';

/**
 * The days a limit of `period` covers on `asOfDay`: the calendar year, the rolling five
 * years, or a pregnancy from its first counted day (`pregnancyFrom`, a facility day).
 */
export function limitPeriodDays(
  period: LimitPeriod,
  asOfDay: string,
  pregnancyFrom?: string,
): DayRange {
  const starts = periodStarts(asOfDay);
  switch (period) {
    case 'year':
      return { first: starts.year, last: asOfDay };
    case '5years':
      return { first: starts.rolling5Years, last: asOfDay };
    case 'pregnancy':
      return { first: pregnancyFrom ?? asOfDay, last: asOfDay };
  }
}

/** Calendar quarter of a facility day (YYYY-MM-DD): `2026-Q4`. */
export function quarterOfDay(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The four quarters of a calendar year, `2026-Q1` … `2026-Q4`. */
export function quartersOf(year: number): string[] {
  return [1, 2, 3, 4].map((n) => `${String(year).padStart(4, '0')}-Q${n}`);
}

/** The calendar year of a quarter `YYYY-Qn`. */
export function yearOfQuarter(quarter: string): number {
  return Number(quarter.slice(0, 4));
}

/** First and last facility day of a calendar quarter `YYYY-Qn`. */
export function quarterDays(quarter: string): DayRange {
  const year = Number(quarter.slice(0, 4));
  const firstMonth = (Number(quarter.slice(6)) - 1) * 3 + 1;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(year, firstMonth + 2, 0)).getUTCDate();
  return { first: formatDay(year, firstMonth, 1), last: formatDay(year, firstMonth + 2, lastDay) };
}

/** The first and last day of a calendar year. */
export function yearDays(year: number): DayRange {
  return { first: formatDay(year, 1, 1), last: formatDay(year, 12, 31) };
}

/** Days from `asOfDay` (exclusive) to the end of its calendar year. */
export function daysLeftInYear(asOfDay: string): number {
  // Asked once per person of every dose evaluation, nearly always for today.
  if (asOfDay !== lastDaysLeft.day) {
    lastDaysLeft = { day: asOfDay, left: daysBetween(asOfDay, yearDays(yearOf(asOfDay)).last) };
  }
  return lastDaysLeft.left;
}
let lastDaysLeft = { day: '', left: 0 };

/** The months of a calendar quarter `YYYY-Qn`, each `YYYY-MM` with its days. */
export function monthsOfQuarter(quarter: string): Map<string, DayRange> {
  const { first } = quarterDays(quarter);
  const months = new Map<string, DayRange>();
  for (let n = 0; n < 3; n += 1) {
    const start = monthStart(first, n);
    months.set(start.slice(0, 7), { first: start, last: monthEnd(start) });
  }
  return months;
}
