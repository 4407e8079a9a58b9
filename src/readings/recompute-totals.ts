import type { DataSource, EntityManager } from 'typeorm';
import { dayInZone } from '../calendar/facility-day.js';
import { rederiveBadges, storeRederived } from './badge-rederivation.js';
import { rebuildClosedPeriods } from './closed-periods.js';

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

export interface RecomputeReport {
  readings: number;
  /** Readings whose stored increment or person differ from a derivation from scratch. */
  readingsChanged: number;
  differences: TotalsDifference[];
}

/**
 * Rebuilds every daily total from the stored readings, badges and assignments, with the same
 * rules as ingestion, plus the dose adjustments, and compares it with the totals kept
 * incrementally (both the total and its adjustments' part). With
 * `write`, it also replaces the kept totals (and readings' derived columns) by the rebuild,
 * holding off ingestion meanwhile; without, it only reads, from one consistent snapshot.
 */
export async function recomputeTotals(
  dataSource: DataSource,
  timeZone: string,
  write: boolean,
): Promise<RecomputeReport> {
  return dataSource.transaction(write ? 'READ COMMITTED' : 'REPEATABLE READ', async (manager) => {
    if (write)
      await manager.query(
        'LOCK TABLE reading, daily_dose, badge_assignment, dose_adjustment IN SHARE ROW EXCLUSIVE MODE',
      );
    const report: RecomputeReport = { readings: 0, readingsChanged: 0, differences: [] };
    const totals = new Map<string, bigint>();
    const serials = (
      await manager.query<
        {
          badge_serial: string;
        }[]
      >(`SELECT DISTINCT badge_serial FROM reading ORDER BY 1`)
    ).map((row) => row.badge_serial);
    for (const serial of serials) {
      const { readings } = await rederiveBadges(manager, [serial]);
      for (const { measuredAt, derived, changed } of readings) {
        report.readings += 1;
        if (changed) report.readingsChanged += 1;
        if (!derived.personId) continue;
        const day = dayInZone(measuredAt, timeZone);
        for (const [quantity, nsv] of Object.entries(derived.doses)) {
          const key = `${derived.personId}|${quantity}|${day}`;
          totals.set(key, (totals.get(key) ?? 0n) + nsv);
        }
      }
      if (write) await storeRederived(manager, readings);
    }
    const adjustments = await adjustmentSums(manager);
    for (const [key, nsv] of adjustments) totals.set(key, (totals.get(key) ?? 0n) + nsv);
    const stored = await manager.query<
      {
        person_id: string;
        quantity: string;
        day: string;
        nsv: string;
        adjustment_nsv: string;
      }[]
    >(
      `SELECT person_id, quantity, day::text AS day, dose_nsv::text AS nsv, adjustment_nsv::text FROM daily_dose`,
    );
    const keys = new Set([...totals.keys(), ...adjustments.keys()]);
    const compare = (key: string, storedNsv: bigint, storedAdjustmentNsv: bigint) => {
      const recomputed = { nsv: totals.get(key) ?? 0n, adjustment: adjustments.get(key) ?? 0n };
      if (recomputed.nsv !== storedNsv || recomputed.adjustment !== storedAdjustmentNsv) {
        const [personId, quantity, day] = key.split('|');
        report.differences.push({
          personId,
          quantity,
          day,
          storedNsv,
          recomputedNsv: recomputed.nsv,
          storedAdjustmentNsv,
          recomputedAdjustmentNsv: recomputed.adjustment,
        });
      }
    };
    for (const row of stored) {
      const key = `${row.person_id}|${row.quantity}|${row.day}`;
      keys.delete(key);
      compare(key, BigInt(row.nsv), BigInt(row.adjustment_nsv));
    }
    for (const key of keys) compare(key, 0n, 0n);
    if (write) {
      await replaceTotals(manager, totals, adjustments);
      await rebuildClosedPeriods(manager);
    }
    return report;
  });
}

/** Each (person, quantity, day)'s sum of dose adjustments, signed. */
async function adjustmentSums(manager: EntityManager): Promise<Map<string, bigint>> {
  const rows = await manager.query<
    { person_id: string; quantity: string; day: string; nsv: string }[]
  >(
    `SELECT person_id, quantity, day::text AS day, sum(dose_nsv)::text AS nsv
       FROM dose_adjustment GROUP BY 1, 2, 3`,
  );
  return new Map(
    rows.map((row) => [`${row.person_id}|${row.quantity}|${row.day}`, BigInt(row.nsv)]),
  );
}

async function replaceTotals(
  manager: EntityManager,
  totals: Map<string, bigint>,
  adjustments: Map<string, bigint>,
): Promise<void> {
  await manager.query('DELETE FROM daily_dose');
  const entries = [...new Set([...totals.keys(), ...adjustments.keys()])]
    .map((key) => [key, totals.get(key) ?? 0n, adjustments.get(key) ?? 0n] as const)
    .filter(([, nsv, adjustment]) => nsv !== 0n || adjustment !== 0n)
    .map(([key, nsv, adjustment]) => [...key.split('|'), nsv.toString(), adjustment.toString()]);
  await manager.query(
    `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv, adjustment_nsv)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[], $5::bigint[])`,
    [0, 1, 2, 3, 4].map((column) => entries.map((entry) => entry[column])),
  );
}
