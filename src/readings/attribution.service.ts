import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { rederiveBadge, storeRederived } from './badge-rederivation.js';
import { deltasBetween } from './dose-deltas.js';
import { addToDailyTotals } from './reading-writes.js';

/**
 * Keeps readings attributed to whoever wore their badge at measuredAt, and the daily totals
 * in step, when a badge is registered or its assignments change after readings arrived
 * (DESIGN.md §3.3: held readings are counted once the badge is registered and assigned).
 */
@Injectable()
export class AttributionService {
  constructor(private readonly config: AppConfig) {}

  /**
   * Re-derives the badge's increments from its baseline and the person of each of its
   * readings, moving dose between daily totals where either changed. Returns how many
   * readings changed. The caller holds the badge's lock (lockBadges) in `manager`'s transaction.
   */
  async reattributeBadge(manager: EntityManager, serial: string): Promise<number> {
    const { badge, readings } = await rederiveBadge(manager, serial);
    const changed = readings.filter((reading) => reading.changed);
    if (!badge || changed.length === 0) return 0;
    const deltas = changed.flatMap(({ measuredAt, stored, derived }) => [
      ...deltasBetween(stored.personId, measuredAt, badge.location, stored.increments, {}),
      ...deltasBetween(derived.personId, measuredAt, badge.location, {}, derived.increments),
    ]);
    await storeRederived(manager, serial, changed);
    await addToDailyTotals(manager, deltas, this.config.facilityTz);
    return changed.length;
  }
}
