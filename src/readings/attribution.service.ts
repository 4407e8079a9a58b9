import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { lockBadges } from '../database/badge-lock.js';
import { rederiveBadges, storeRederived } from './badge-rederivation.js';
import { moveDeltas } from './dose-deltas.js';
import type { BadgeReattribution } from '../people/badge-reattribution.js';
import { markDosesChanged } from '../people/doses-changed.js';
import { addToDailyTotals } from '../ledger/daily-totals.js';
import { attributionChange, type AttributionChange } from './attribution-change.js';

/**
 * Keeps readings attributed to whoever wore their badge at measuredAt, and the daily totals
 * in step, when a badge is registered or its assignments change after readings arrived
 * (DESIGN.md §3.3: held readings are counted once the badge is registered and assigned).
 */
@Injectable()
export class AttributionService implements BadgeReattribution {
  constructor(private readonly config: AppConfig) {}

  /**
   * Re-derives the badge's increments from its baseline and the wearer and doses of each of
   * its readings, moving dose between daily totals where any changed. Badges worn by the same
   * people are re-derived too: wearing a second badge changes how both count (DESIGN.md §4).
   * Returns how many readings changed. The caller holds the badge's lock in `manager`'s
   * transaction; the related badges are locked here.
   */
  async reattributeBadge(manager: EntityManager, serial: string): Promise<number> {
    return (await this.reattribute(manager, serial)).changed;
  }

  /**
   * reattributeBadge, telling what it moved: readings taken from people and each person's
   * dose change per quantity and day (an assignment's change is judged by it). The days are
   * announced with the people, so the alert rules look at their quarters and years again.
   */
  async reattribute(manager: EntityManager, serial: string): Promise<AttributionChange> {
    const related = await manager.query<{ badge_serial: string }[]>(
      `SELECT DISTINCT other.badge_serial FROM badge_assignment mine
         JOIN badge_assignment other ON other.person_id = mine.person_id
        WHERE mine.badge_serial = $1`,
      [serial],
    );
    const serials = [...new Set([serial, ...related.map((row) => row.badge_serial)])];
    await lockBadges(manager, serials);
    const { badges, readings } = await rederiveBadges(manager, serials, this.config.facilityTz);
    const changed = readings.filter((reading) => reading.changed);
    const deltas = changed.flatMap(({ serial, measuredAt, stored, derived }) =>
      moveDeltas(measuredAt, stored, derived, badges.get(serial)?.side ?? null),
    );
    const change = attributionChange(changed, deltas, this.config.facilityTz);
    if (changed.length === 0) return change;
    markDosesChanged(
      manager,
      changed.flatMap(({ stored, derived }) => [stored.personId, derived.personId]),
    );
    for (const move of change.moves) markDosesChanged(manager, [move.personId], move.day);
    await storeRederived(manager, changed);
    await addToDailyTotals(manager, deltas, this.config.facilityTz);
    return change;
  }
}
