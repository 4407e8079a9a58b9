import type { QuantityDoses } from './quantities.js';
import type { DoseDelta } from '../ledger/daily-totals.js';
import { QUANTITIES } from '../common/quantities.js';

/** Deltas that take a person's totals from counting `before` to counting `after` at `at`. */
export function doseDeltas(
  personId: string | null,
  at: Date,
  before: QuantityDoses,
  after: QuantityDoses,
): DoseDelta[] {
  if (!personId) return [];
  const deltas: DoseDelta[] = [];
  for (const quantity of QUANTITIES) {
    const nsv = (after[quantity] ?? 0n) - (before[quantity] ?? 0n);
    if (nsv !== 0n) deltas.push({ personId, quantity, at, nsv });
  }
  return deltas;
}

/** Moving a reading from one wearer and dose to another. */
export function moveDeltas(
  at: Date,
  from: { personId: string | null; doses: QuantityDoses },
  to: { personId: string | null; doses: QuantityDoses },
): DoseDelta[] {
  if (from.personId === to.personId) return doseDeltas(to.personId, at, from.doses, to.doses);
  return [
    ...doseDeltas(from.personId, at, from.doses, {}),
    ...doseDeltas(to.personId, at, {}, to.doses),
  ];
}

export function sameDoses(a: QuantityDoses, b: QuantityDoses): boolean {
  return QUANTITIES.every((quantity) => (a[quantity] ?? 0n) === (b[quantity] ?? 0n));
}
