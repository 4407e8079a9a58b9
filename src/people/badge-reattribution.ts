import type { EntityManager } from 'typeorm';

/**
 * What a person's change asks of their readings: a new limit profile brings a new two-badge
 * formula (DESIGN.md §4), so each badge they wore is derived again, inside the transaction
 * that changes the person. The readings folder does the work (AttributionService); PeopleModule
 * wires it to BADGE_REATTRIBUTION, so people need not import what sits above them.
 */
export interface BadgeReattribution {
  /** Re-derives the badge's readings; the caller holds the badge's lock. Returns how many changed. */
  reattributeBadge(manager: EntityManager, serial: string): Promise<number>;
}

export const BADGE_REATTRIBUTION = Symbol('BadgeReattribution');
