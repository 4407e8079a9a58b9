import { addDays } from '../../src/calendar/days.js';
import { dayInZone } from '../../src/calendar/facility-day.js';

/** Offsets from UTC lie within ±14 h and change on quarter-hour boundaries at the finest. */
const QUARTER_HOUR_MS = 15 * 60_000;
const SPAN_MS = 14 * 3_600_000;

/**
 * The instant a facility day begins in the time zone, as ISO-8601 UTC: the first quarter hour
 * whose day in the zone is `day` (found by bisection; the day of an instant never goes back).
 */
export function startOfDayIn(day: string, timeZone: string): string {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  let low = Math.floor((midnightUtc - SPAN_MS) / QUARTER_HOUR_MS);
  let high = Math.ceil((midnightUtc + SPAN_MS) / QUARTER_HOUR_MS);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (dayInZone(new Date(middle * QUARTER_HOUR_MS), timeZone) < day) low = middle + 1;
    else high = middle;
  }
  return new Date(low * QUARTER_HOUR_MS).toISOString();
}

/** The instant after the day's end: the next day's start. */
export const endOfDayIn = (day: string, timeZone: string): string =>
  startOfDayIn(addDays(day, 1), timeZone);
