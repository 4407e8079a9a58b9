import type { EntityManager } from 'typeorm';
import { lockBadges } from '../database/badge-lock.js';

/**
 * What a person's change asks of their readings: a new limit profile brings new dose rules,
 * a declared pregnancy a fetal record (DESIGN.md §4), so each badge they wore is derived
 * again, inside the transaction that changes the person. The readings folder does the work (AttributionService); PeopleModule
 * wires it to BADGE_REATTRIBUTION, so people need not import what sits above them.
 */
export interface BadgeReattribution {
  /** Re-derives the badge's readings; the caller holds the badge's lock. Returns how many changed. */
  reattributeBadge(manager: EntityManager, serial: string): Promise<number>;
}

export const BADGE_REATTRIBUTION = Symbol('BadgeReattribution');

/** Every badge the person was ever assigned, in serial order (the lock order). */
export async function badgesWornBy(manager: EntityManager, personId: string): Promise<string[]> {
  const rows = await manager.query<{ badge_serial: string }[]>(
    `SELECT DISTINCT badge_serial FROM badge_assignment WHERE person_id = $1 ORDER BY badge_serial`,
    [personId],
  );
  return rows.map((row) => row.badge_serial);
}

/**
 * Re-derives the readings of every badge the person wore, after a change to what their doses
 * depend on (profile, declared pregnancy), in the caller's transaction.
 */
export async function reattributeWornBadges(
  manager: EntityManager,
  reattribution: BadgeReattribution,
  personId: string,
): Promise<void> {
  const serials = await badgesWornBy(manager, personId);
  await lockBadges(manager, serials);
  for (const serial of serials) await reattribution.reattributeBadge(manager, serial);
}
