import type { EntityManager } from 'typeorm';
import { dayInZone } from '../calendar/facility-day.js';
import { ascending } from '../common/sort-in-order.js';
import { pipelined, type Rows, type Statement } from '../database/pipelined.js';
import {
  adjustDailyTotal,
  closedThrough,
  decreaseDailyTotals,
  increaseDailyTotals,
  type DayTotalColumns,
} from './ledger-statements.js';
import {
  addToClosedPeriods,
  closedPeriodsOf,
  closedThrough as readClosedThrough,
  sqlOf,
  type DayTotalChange,
} from './period-closing.js';

/** A signed change to one person's dose of one quantity, on the facility day of `at`. */
export interface DoseDelta {
  personId: string;
  quantity: string;
  at: Date;
  nsv: bigint;
}

/**
 * Adds the deltas to the daily totals. Deltas are summed per (person, quantity, facility
 * day) first. Increases go through one upsert, decreases (a late reading split a counted
 * increment) through an UPDATE (ledger-statements.ts). Rows are written in key order, so
 * concurrent batches lock totals rows in the same order. Changes to days of closed months and
 * years also go to their totals.
 */
export async function addToDailyTotals(
  manager: EntityManager,
  deltas: DoseDelta[],
  timeZone: string,
): Promise<void> {
  const write = dailyTotalsWrite(deltas, timeZone);
  await write.finish(manager, await pipelined(manager, write.statements));
}

/**
 * addToDailyTotals in two parts, for a caller that sends its statements with others: the
 * statements (the last reads the closed periods' boundaries, after the writes), then `finish`
 * with their results, in the same transaction.
 */
export function dailyTotalsWrite(
  deltas: DoseDelta[],
  timeZone: string,
): {
  statements: Statement[];
  finish(manager: EntityManager, results: Rows[]): Promise<void>;
} {
  const sums = new Map<string, bigint>();
  for (const { personId, quantity, at, nsv } of deltas) {
    const key = `${personId}|${quantity}|${dayInZone(at, timeZone)}`;
    sums.set(key, (sums.get(key) ?? 0n) + nsv);
  }
  const entries = [...sums].filter(([, nsv]) => nsv !== 0n).sort(([a], [b]) => ascending(a, b));
  const decreases = entries.filter(([, nsv]) => nsv < 0n);
  const increases = entries.filter(([, nsv]) => nsv > 0n);
  const statements: Statement[] = [];
  if (decreases.length > 0) statements.push(decreaseDailyTotals(columnsOf(decreases)));
  if (increases.length > 0) statements.push(increaseDailyTotals(columnsOf(increases)));
  if (entries.length > 0) statements.push(closedThrough());
  return {
    statements,
    async finish(manager, results) {
      if (decreases.length > 0 && results[0].rowCount !== decreases.length)
        throw new Error('daily totals out of step: a decrease found no total');
      if (entries.length === 0) return;
      const closed = closedPeriodsOf(results[results.length - 1].rows[0]);
      await addToClosedPeriods(manager, entries, closed);
    },
  };
}

function columnsOf(entries: readonly DayTotalChange[]): DayTotalColumns {
  const keys = entries.map(([key]) => key.split('|'));
  return {
    people: keys.map((key) => key[0]),
    quantities: keys.map((key) => key[1]),
    days: keys.map((key) => key[2]),
    nsv: entries.map(([, nsv]) => nsv),
  };
}

/**
 * Adds a dose adjustment to its day's total and adjustments' part (and to its month's and
 * year's totals once they are closed); returns the new day total.
 */
export async function adjustDayTotal(
  manager: EntityManager,
  personId: string,
  quantity: string,
  day: string,
  nsv: bigint,
): Promise<bigint> {
  const statement = adjustDailyTotal(personId, quantity, day, nsv);
  const [row] = await manager.query<{ dose_nsv: string }[]>(statement.text, statement.values);
  await addToClosedPeriods(
    manager,
    [[`${personId}|${quantity}|${day}`, nsv]],
    await readClosedThrough(sqlOf(manager)),
  );
  return BigInt(row.dose_nsv);
}
