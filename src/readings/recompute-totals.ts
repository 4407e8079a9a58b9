import type { DataSource, EntityManager } from 'typeorm';
import { dayInZone } from '../common/facility-time.js';
import { rederiveBadges, storeRederived } from './badge-rederivation.js';

export interface TotalsDifference {
  personId: string;
  quantity: string;
  day: string;
  storedNsv: bigint;
  recomputedNsv: bigint;
}

export interface RecomputeReport {
  readings: number;
  /** Readings whose stored increment or person differ from a derivation from scratch. */
  readingsChanged: number;
  differences: TotalsDifference[];
}

/**
 * Rebuilds every daily total from the stored readings, badges and assignments alone, with
 * the same rules as ingestion, and compares it with the totals kept incrementally. With
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
        'LOCK TABLE reading, daily_dose, badge_assignment IN SHARE ROW EXCLUSIVE MODE',
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
    const stored = await manager.query<
      {
        person_id: string;
        quantity: string;
        day: string;
        nsv: string;
      }[]
    >(`SELECT person_id, quantity, day::text AS day, dose_nsv::text AS nsv FROM daily_dose`);
    const keys = new Set(totals.keys());
    for (const row of stored) {
      const key = `${row.person_id}|${row.quantity}|${row.day}`;
      keys.delete(key);
      const recomputed = totals.get(key) ?? 0n;
      if (recomputed !== BigInt(row.nsv))
        report.differences.push(difference(key, BigInt(row.nsv), recomputed));
    }
    for (const key of keys) {
      const recomputed = totals.get(key) ?? 0n;
      if (recomputed !== 0n) report.differences.push(difference(key, 0n, recomputed));
    }
    if (write) await replaceTotals(manager, totals);
    return report;
  });
}

async function replaceTotals(manager: EntityManager, totals: Map<string, bigint>): Promise<void> {
  await manager.query('DELETE FROM daily_dose');
  const entries = [...totals]
    .filter(([, nsv]) => nsv !== 0n)
    .map(([key, nsv]) => [...key.split('|'), nsv.toString()]);
  await manager.query(
    `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[])`,
    [0, 1, 2, 3].map((column) => entries.map((entry) => entry[column])),
  );
}

function difference(key: string, storedNsv: bigint, recomputedNsv: bigint): TotalsDifference {
  const [personId, quantity, day] = key.split('|');
  return { personId, quantity, day, storedNsv, recomputedNsv };
}
