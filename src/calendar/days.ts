/**
 * Facility calendar days as `YYYY-MM-DD` strings (DESIGN.md §2: day, quarter and year
 * boundaries are in FACILITY_TZ). A day string compares in calendar order as text, so ranges
 * of days need no Date arithmetic; these helpers do what text comparison cannot.
 */

export interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** The first day a date column holds here: the start of a period that has none (a lifetime). */
export const FIRST_DAY = '0001-01-01';

/** The last day a date column holds here: the end of a period that has none. */
export const LAST_DAY = '9999-12-31';

export function parseDay(day: string): DayParts {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  return { year, month, day: dayOfMonth };
}

export function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar year of a day. */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

export function addDays(day: string, days: number): string {
  return new Date(toUtc(day) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** The first day (YYYY-MM-01) of the month `months` after the month of `day` (negative: before). */
export function monthStart(day: string, months = 0): string {
  const { year, month } = parseDay(day);
  const index = year * 12 + (month - 1) + months;
  return formatDay(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The last day of the month of `day`. */
export function monthEnd(day: string): string {
  return addDays(monthStart(day, 1), -1);
}

/** The day `months` calendar months before `day`; a day the month lacks (31st, 29 February) becomes its last day. */
export function monthsBefore(day: string, months: number): string {
  const { year, month, day: dayOfMonth } = parseDay(day);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatDay(y, m, Math.min(dayOfMonth, last));
}

function toUtc(day: string): number {
  const { year, month, day: d } = parseDay(day);
  return Date.UTC(year, month - 1, d);
}
