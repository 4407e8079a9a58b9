import type { DataSource } from 'typeorm';
import { dayInZone } from '../calendar/facility-day.js';
import {
  lockTotalsForRebuild,
  rebuildTotals,
  type TotalsDifference,
} from '../ledger/totals-rebuild.js';
import { rederiveBadges, storeRederived } from './badge-rederivation.js';
import type { Quantity } from '../common/quantities.js';
import { ledgerQuantity } from '../ledger/extremity-sides.js';

export interface RecomputeReport {
  readings: number;
  /** Readings whose stored increment or person differ from a derivation from scratch. */
  readingsChanged: number;
  differences: TotalsDifference[];
}

/**
 * Derives every stored reading again (increment, wearer, doses) with the same rules as
 * ingestion, and hands their day totals to the ledger's rebuild, which compares them, plus
 * the dose adjustments, with the totals kept incrementally. With `write`, the readings'
 * derived columns and the totals are replaced by the rebuild, ingestion held off meanwhile;
 * without, it only reads, from one consistent snapshot.
 */
export async function recomputeTotals(
  dataSource: DataSource,
  timeZone: string,
  write: boolean,
): Promise<RecomputeReport> {
  return dataSource.transaction(write ? 'READ COMMITTED' : 'REPEATABLE READ', async (manager) => {
    if (write) await lockTotalsForRebuild(manager);
    const report: RecomputeReport = { readings: 0, readingsChanged: 0, differences: [] };
    const totals = new Map<string, bigint>();
    const serials = (
      await manager.query<{ badge_serial: string }[]>(
        `SELECT DISTINCT badge_serial FROM reading ORDER BY 1`,
      )
    ).map((row) => row.badge_serial);
    for (const serial of serials) {
      const { badges, readings } = await rederiveBadges(manager, [serial], timeZone);
      const side = badges.get(serial)?.side ?? null;
      for (const { measuredAt, derived, changed } of readings) {
        report.readings += 1;
        if (changed) report.readingsChanged += 1;
        if (!derived.personId) continue;
        const day = dayInZone(measuredAt, timeZone);
        for (const [quantity, nsv] of Object.entries(derived.doses)) {
          const key = `${derived.personId}|${ledgerQuantity(quantity as Quantity, side)}|${day}`;
          totals.set(key, (totals.get(key) ?? 0n) + nsv);
        }
      }
      if (write) await storeRederived(manager, readings);
    }
    report.differences = await rebuildTotals(manager, totals, write);
    return report;
  });
}
