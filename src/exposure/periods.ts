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
  const { year, month, day } = parseDay(asOfDay);
  const quarterMonth = month - ((month - 1) % 3);
  return {
    quarter: formatDay(year, quarterMonth, 1),
    year: formatDay(year, 1, 1),
    rolling12Months: dayAfter(monthsBefore(year, month, day, 12)),
    rolling5Years: dayAfter(monthsBefore(year, month, day, 60)),
  };
}

/** Days from `asOfDay` (exclusive) to the end of its calendar year. */
export function daysLeftInYear(asOfDay: string): number {
  // Asked once per person of every dose evaluation, nearly always for today.
  if (asOfDay !== lastDaysLeft.day) {
    const { year } = parseDay(asOfDay);
    lastDaysLeft = { day: asOfDay, left: daysBetween(asOfDay, formatDay(year, 12, 31)) };
  }
  return lastDaysLeft.left;
}
let lastDaysLeft = { day: '', left: 0 };

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(toUtc(day) + days * 86_400_000).toISOString().slice(0, 10);
}

function monthsBefore(year: number, month: number, day: number, months: number): string {
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  // 29 February minus a year is 28 February: clamp to the month's last day.
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatDay(y, m, Math.min(day, last));
}

function dayAfter(day: string): string {
  return addDays(day, 1);
}

function parseDay(day: string): { year: number; month: number; day: number } {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  return { year, month, day: dayOfMonth };
}

function toUtc(day: string): number {
  const { year, month, day: d } = parseDay(day);
  return Date.UTC(year, month - 1, d);
}

/** The first day (YYYY-MM-01) of the month `months` after the month of `day` (negative: before). */
export function monthStart(day: string, months = 0): string {
  const { year, month } = parseDay(day);
  const index = year * 12 + (month - 1) + months;
  return formatDay(Math.floor(index / 12), (index % 12) + 1, 1);
}

export function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
