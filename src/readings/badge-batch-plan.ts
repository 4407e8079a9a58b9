import { deriveIncrements, sameIncrements } from './increments.js';
import type { Register, Registers } from './registers.js';
import { ascending, sortInOrder } from '../common/sort-in-order.js';

export interface StoredReading {
  seq: bigint;
  registers: Registers;
  increments: Registers;
  reset: boolean;
}

export interface IncomingReading {
  seq: bigint;
  registers: Registers;
}

export interface BadgeBatchInput<
  T extends IncomingReading,
  S extends StoredReading = StoredReading,
> {
  /** Per register, the value of the last stored reading before the window that carried it, else the baseline. */
  previous: Record<Register, bigint>;
  /** Stored readings from the first incoming seq through every register's stored successor, by seq. */
  window: readonly S[];
  incoming: readonly T[];
}

export interface BadgeBatchPlan<
  T extends IncomingReading,
  S extends StoredReading = StoredReading,
> {
  /** New readings with their increments, in seq order. */
  fresh: { reading: T; increments: Registers; reset: boolean }[];
  /** Repeats of a stored or earlier incoming (badge, seq): acknowledged and ignored. */
  duplicates: T[];
  /** Stored readings whose increment a late arrival split, with their old and new values. */
  changed: { stored: S; increments: Registers; reset: boolean }[];
}

/**
 * One badge's share of a batch: which readings are new, and every increment (new or
 * stored) that follows from them, by DESIGN.md §3.1. Totals stay the sum of increments by
 * seq order however the readings arrive.
 */
export function planBadgeBatch<T extends IncomingReading, S extends StoredReading>(
  input: BadgeBatchInput<T, S>,
): BadgeBatchPlan<T, S> {
  const stored = new Map(input.window.map((reading) => [reading.seq, reading]));
  const fresh = new Map<bigint, T>();
  const duplicates: T[] = [];
  for (const reading of input.incoming) {
    if (stored.has(reading.seq) || fresh.has(reading.seq)) duplicates.push(reading);
    else fresh.set(reading.seq, reading);
  }
  const merged: IncomingReading[] = sortInOrder([...input.window, ...fresh.values()], (a, b) =>
    ascending(a.seq, b.seq),
  );
  const plan: BadgeBatchPlan<T, S> = { fresh: [], duplicates, changed: [] };
  for (const derived of deriveIncrements(input.previous, merged)) {
    const newReading = fresh.get(derived.seq);
    if (newReading) {
      plan.fresh.push({
        reading: newReading,
        increments: derived.increments,
        reset: derived.reset,
      });
      continue;
    }
    const old = stored.get(derived.seq) as S;
    if (!sameIncrements(old.increments, derived.increments) || old.reset !== derived.reset) {
      plan.changed.push({ stored: old, increments: derived.increments, reset: derived.reset });
    }
  }
  return plan;
}
