import type { BodyLocation } from '../badges/body-location.js';
import { singleBadgeDoses, type Quantity } from './quantities.js';
import type { Registers } from './registers.js';
import type { DoseDelta } from './reading-writes.js';

/** The record-quantity doses a reading's increments add to its wearer's totals. */
export function dosesOf(
  location: BodyLocation | undefined,
  increments: Registers,
): [Quantity, bigint][] {
  if (!location) return [];
  return Object.entries(singleBadgeDoses(location, increments)) as [Quantity, bigint][];
}

/** Deltas moving a reading's doses from `before` to `after` for one person at one time. */
export function deltasBetween(
  personId: string | null,
  at: Date,
  location: BodyLocation | undefined,
  before: Registers,
  after: Registers,
): DoseDelta[] {
  if (!personId) return [];
  const change = new Map<string, bigint>();
  for (const [quantity, nsv] of dosesOf(location, after))
    change.set(quantity, (change.get(quantity) ?? 0n) + nsv);
  for (const [quantity, nsv] of dosesOf(location, before))
    change.set(quantity, (change.get(quantity) ?? 0n) - nsv);
  return [...change]
    .filter(([, nsv]) => nsv !== 0n)
    .map(([quantity, nsv]) => ({ personId, quantity, at, nsv }));
}
