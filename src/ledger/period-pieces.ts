import { addDays, LAST_DAY, monthEnd, monthStart, yearOf } from '../calendar/days.js';
import type { DayRange } from '../calendar/periods.js';

/** Which table a piece is read from: daily totals, closed months' totals, closed years' totals. */
export type Grain = 'day' | 'month' | 'year';

/** A run of days read as one range of one table, and the periods (by index) it lies in. */
export interface Piece extends DayRange {
  grain: Grain;
  periods: number[];
}

/**
 * Cuts periods into pieces that each lie wholly inside or wholly outside every period, so that
 * each stored row is read once however many periods contain it, and reads each piece from the
 * coarsest table that holds it: whole calendar years before `asOfDay`'s year as year totals,
 * whole months before its month as month totals, the other days as daily totals.
 *
 * Months and years are closed by the period closer once they end; one not closed yet when the
 * sums are read (the first hour of a month, a replica that has not run its closer) is read as
 * days by the statement itself (ledger-statements.ts, periodSums), so the answer never depends
 * on when the closing ran.
 */
export function piecesOf(periods: readonly DayRange[], asOfDay: string): Piece[] {
  const bounds = new Set<string>();
  for (const { first, last } of periods) {
    if (first > last) continue;
    bounds.add(first);
    bounds.add(dayAfter(last));
  }
  const sorted = [...bounds].sort();
  const closing = { lastMonth: addDays(monthStart(asOfDay), -1), lastYear: yearOf(asOfDay) - 1 };
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const span = { first: sorted[i], last: dayBefore(sorted[i + 1]) };
    const members: number[] = [];
    periods.forEach((period, index) => {
      if (period.first <= span.first && period.last >= span.last) members.push(index);
    });
    if (members.length === 0) continue;
    for (const part of spanPieces(span, closing)) pieces.push({ ...part, periods: members });
  }
  return pieces;
}

/** The day after the last day a date can have, as a bound that sorts after it. */
const AFTER_ALL_DAYS = '9999-12-32';

const dayAfter = (day: string): string => (day === LAST_DAY ? AFTER_ALL_DAYS : addDays(day, 1));
const dayBefore = (bound: string): string =>
  bound === AFTER_ALL_DAYS ? LAST_DAY : addDays(bound, -1);

interface Closing {
  /** The last day of the last month that may be closed: the month before `asOfDay`'s. */
  lastMonth: string;
  /** The last year that may be closed: the year before `asOfDay`'s. */
  lastYear: number;
}

/**
 * One span of days as years, months and days, coarsest first where a whole one fits. A month
 * or year can be read whole only if it ends by the span's end and by the closing's bound; so
 * if the month after a day cannot, no later one can, and the days run to the span's end.
 */
function spanPieces(span: DayRange, closing: Closing): (DayRange & { grain: Grain })[] {
  const parts: (DayRange & { grain: Grain })[] = [];
  const bound = span.last < closing.lastMonth ? span.last : closing.lastMonth;
  // The last day of the last whole month, and year, that can be read as a total.
  const wholeMonthsThrough = monthEnd(bound) === bound ? bound : addDays(monthStart(bound), -1);
  const wholeYearsThrough = Math.min(
    closing.lastYear,
    wholeMonthsThrough.endsWith('-12-31')
      ? yearOf(wholeMonthsThrough)
      : yearOf(wholeMonthsThrough) - 1,
  );
  let cursor = span.first;
  for (;;) {
    let grain: Grain = 'day';
    let last: string;
    if (cursor.endsWith('-01-01') && yearOf(cursor) <= wholeYearsThrough) {
      grain = 'year';
      last = `${String(wholeYearsThrough).padStart(4, '0')}-12-31`;
    } else if (cursor.endsWith('-01') && monthEnd(cursor) <= wholeMonthsThrough) {
      grain = 'month';
      const nextYear = `${String(yearOf(cursor) + 1).padStart(4, '0')}-01-01`;
      last =
        yearOf(nextYear) <= wholeYearsThrough && nextYear <= wholeMonthsThrough
          ? addDays(nextYear, -1)
          : wholeMonthsThrough;
    } else {
      const nextMonth = monthStart(cursor, 1);
      last = monthEnd(nextMonth) <= wholeMonthsThrough ? addDays(nextMonth, -1) : span.last;
    }
    if (last > span.last) last = span.last;
    parts.push({ grain, first: cursor, last });
    if (last === span.last) break;
    cursor = addDays(last, 1);
  }
  return parts;
}
