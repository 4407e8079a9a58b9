import type { EntityManager } from 'typeorm';
import { textArray } from './array-literal.js';
import type { Statement } from './pipelined.js';
import { ascending, sortInOrder } from '../common/sort-in-order.js';

/**
 * Serialises all work on the given badges across replicas until the transaction ends
 * (DESIGN.md §9: per-badge ordering by database locks, not memory). Transaction-scoped
 * advisory locks cover serials no badge row exists for yet (held readings); taking them in
 * sorted order means two transactions can never wait on each other in a cycle.
 */
export async function lockBadges(
  manager: EntityManager,
  serials: readonly string[],
): Promise<void> {
  if (serials.length === 0) return;
  const { text, values } = lockStatement(serials);
  await manager.query(text, values);
}

/** The statement of lockBadges, for a caller that sends it with others (pipelined). */
export function lockStatement(serials: readonly string[]): Statement {
  // Ingestion passes its serials sorted already: checked, not sorted again.
  const sorted = sortInOrder([...new Set(serials)], ascending);
  // unnest yields the array in order, so the locks are taken in that order.
  return {
    text: `SELECT pg_advisory_xact_lock(hashtextextended(serial, 0)) FROM unnest($1::text[]) AS serial`,
    values: [textArray(sorted)],
  };
}
