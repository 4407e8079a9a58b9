import { dayInZone } from '../calendar/facility-day.js';
import { ascending } from '../common/sort-in-order.js';
import type { DoseDelta } from '../ledger/daily-totals.js';
import { recordQuantityOf } from '../ledger/extremity-sides.js';

/** A net signed change of one person's dose of one quantity on one facility day, in nSv. */
export interface DoseMove {
  personId: string;
  quantity: string;
  day: string;
  nsv: bigint;
}

/** What a re-attribution did to the people whose readings it re-derived. */
export interface AttributionChange {
  /** Readings whose stored derivation (increments, wearer or doses) changed. */
  changed: number;
  /** Per person: readings that were attributed to them and now are not. */
  readingsTaken: ReadonlyMap<string, number>;
  /** The net changes, non-zero only, in key order (person, quantity, day). */
  moves: DoseMove[];
}

/** The readings whose wearer changed, and the dose deltas that moved their totals. */
export function attributionChange(
  readings: readonly {
    stored: { personId: string | null };
    derived: { personId: string | null };
  }[],
  deltas: readonly DoseDelta[],
  timeZone: string,
): AttributionChange {
  const readingsTaken = new Map<string, number>();
  for (const { stored, derived } of readings)
    if (stored.personId !== null && stored.personId !== derived.personId)
      readingsTaken.set(stored.personId, (readingsTaken.get(stored.personId) ?? 0) + 1);
  const sums = new Map<string, DoseMove>();
  for (const { personId, at, nsv, ...delta } of deltas) {
    // A side's extremity dose is the record's extremity dose moving.
    const quantity = recordQuantityOf(delta.quantity);
    const day = dayInZone(at, timeZone);
    const key = `${personId}|${quantity}|${day}`;
    const move = sums.get(key) ?? { personId, quantity, day, nsv: 0n };
    move.nsv += nsv;
    sums.set(key, move);
  }
  const moves = [...sums]
    .filter(([, move]) => move.nsv !== 0n)
    .sort(([a], [b]) => ascending(a, b))
    .map(([, move]) => move);
  return { changed: readings.length, readingsTaken, moves };
}

/**
 * Whether the change takes anything from anyone's record: a reading that leaves the person it
 * was attributed to, or dose that goes down on some day. DESIGN.md §7: only an explicit
 * correction may do that.
 */
export function takesFromRecords(change: AttributionChange): boolean {
  return change.readingsTaken.size > 0 || change.moves.some((move) => move.nsv < 0n);
}
