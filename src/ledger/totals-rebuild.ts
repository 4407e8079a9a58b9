import type { EntityManager } from 'typeorm';
import {
  adjustmentSums,
  allDailyTotals,
  lockForRecompute,
  replaceDailyTotals,
} from './ledger-statements.js';
import { rebuildClosedPeriods } from './period-closing.js';

/** Day totals by key `personId|quantity|YYYY-MM-DD`, in nSv. */
export type DayTotals = ReadonlyMap<string, bigint>;

export interface TotalsDifference {
  personId: string;
  quantity: string;
  day: string;
  storedNsv: bigint;
  recomputedNsv: bigint;
  /** The adjustments' part of the total (daily_dose.adjustment_nsv), kept and recomputed. */
  storedAdjustmentNsv: bigint;
  recomputedAdjustmentNsv: bigint;
}

/**
 * Holds off ingestion, attribution and adjustments until the commit, for a rebuild of the
 * totals from the readings (recompute-totals).
 */
export async function lockTotalsForRebuild(manager: EntityManager): Promise<void> {
  await manager.query(lockForRecompute().text);
}

/**
 * Compares the kept daily totals (and their adjustments' part) with `fromReadings` plus the
 * dose adjustments, and with `write` replaces them by that rebuild and sums the closed months
 * and years again. Call in one transaction with the derivation of `fromReadings`: after
 * lockTotalsForRebuild to write, in a REPEATABLE READ snapshot to only compare.
 */
export async function rebuildTotals(
  manager: EntityManager,
  fromReadings: DayTotals,
  write: boolean,
): Promise<TotalsDifference[]> {
  const adjustments = await keyedSums(manager);
  const totals = new Map(fromReadings);
  for (const [key, nsv] of adjustments) totals.set(key, (totals.get(key) ?? 0n) + nsv);
  const stored = await manager.query<
    { person_id: string; quantity: string; day: string; nsv: string; adjustment_nsv: string }[]
  >(allDailyTotals().text);
  const differences: TotalsDifference[] = [];
  const keys = new Set([...totals.keys(), ...adjustments.keys()]);
  const compare = (key: string, storedNsv: bigint, storedAdjustmentNsv: bigint) => {
    const recomputed = { nsv: totals.get(key) ?? 0n, adjustment: adjustments.get(key) ?? 0n };
    if (recomputed.nsv === storedNsv && recomputed.adjustment === storedAdjustmentNsv) return;
    const [personId, quantity, day] = key.split('|');
    differences.push({
      personId,
      quantity,
      day,
      storedNsv,
      recomputedNsv: recomputed.nsv,
      storedAdjustmentNsv,
      recomputedAdjustmentNsv: recomputed.adjustment,
    });
  };
  for (const row of stored) {
    const key = `${row.person_id}|${row.quantity}|${row.day}`;
    keys.delete(key);
    compare(key, BigInt(row.nsv), BigInt(row.adjustment_nsv));
  }
  for (const key of keys) compare(key, 0n, 0n);
  if (write) {
    const rows = [...new Set([...totals.keys(), ...adjustments.keys()])]
      .map((key) => [key, totals.get(key) ?? 0n, adjustments.get(key) ?? 0n] as const)
      .filter(([, nsv, adjustment]) => nsv !== 0n || adjustment !== 0n)
      .map(([key, nsv, adjustment]) => [...key.split('|'), nsv.toString(), adjustment.toString()]);
    for (const statement of replaceDailyTotals(rows))
      await manager.query(statement.text, statement.values);
    await rebuildClosedPeriods(manager);
  }
  return differences;
}

/** Each (person, quantity, day)'s sum of dose adjustments, signed. */
async function keyedSums(manager: EntityManager): Promise<Map<string, bigint>> {
  const rows = await manager.query<
    { person_id: string; quantity: string; day: string; nsv: string }[]
  >(adjustmentSums().text);
  return new Map(
    rows.map((row) => [`${row.person_id}|${row.quantity}|${row.day}`, BigInt(row.nsv)]),
  );
}
