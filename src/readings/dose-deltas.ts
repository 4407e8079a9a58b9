import type { QuantityDoses } from './rules/reading-doses.js';
import type { DoseDelta } from '../ledger/daily-totals.js';
import { QUANTITIES, type ExtremitySide } from '../common/quantities.js';
import { ledgerQuantity } from '../ledger/extremity-sides.js';

/**
 * Deltas that take a person's totals from counting `before` to counting `after` at `at`, for
 * a reading of a badge worn on `side` (an extremity badge's; null for any other).
 */
export function doseDeltas(
  personId: string | null,
  at: Date,
  before: QuantityDoses,
  after: QuantityDoses,
  side: ExtremitySide | null,
): DoseDelta[] {
  if (!personId) return [];
  const deltas: DoseDelta[] = [];
  for (const quantity of QUANTITIES) {
    const nsv = (after[quantity] ?? 0n) - (before[quantity] ?? 0n);
    if (nsv !== 0n) deltas.push({ personId, quantity: ledgerQuantity(quantity, side), at, nsv });
  }
  return deltas;
}

/** Moving a reading from one wearer and dose to another. */
export function moveDeltas(
  at: Date,
  from: { personId: string | null; doses: QuantityDoses },
  to: { personId: string | null; doses: QuantityDoses },
  side: ExtremitySide | null,
): DoseDelta[] {
  if (from.personId === to.personId) return doseDeltas(to.personId, at, from.doses, to.doses, side);
  return [
    ...doseDeltas(from.personId, at, from.doses, {}, side),
    ...doseDeltas(to.personId, at, {}, to.doses, side),
  ];
}

export function sameDoses(a: QuantityDoses, b: QuantityDoses): boolean {
  return QUANTITIES.every((quantity) => (a[quantity] ?? 0n) === (b[quantity] ?? 0n));
}
