import type { EntityManager } from 'typeorm';
import { deriveIncrements, sameIncrements } from './increments.js';
import { wearerAt } from './reading-ingest.service.js';
import {
  loadAssignments,
  loadBadges,
  registerColumns,
  registersOf,
  type BadgeRow,
} from './reading-store.js';
import { ZERO_REGISTERS, type Registers } from './registers.js';

// Within Postgres' timestamptz range, and beyond any dose record.
const ALL_TIME = { from: new Date('1900-01-01T00:00:00Z'), to: new Date('9999-12-31T00:00:00Z') };

export interface RederivedReading {
  seq: bigint;
  measuredAt: Date;
  stored: { increments: Registers; reset: boolean; personId: string | null };
  derived: { increments: Registers; reset: boolean; personId: string | null };
  changed: boolean;
}

/**
 * Derives a badge's increments and wearers from scratch (registers by seq from the baseline,
 * assignments at measuredAt), beside what is stored. Used when registration or assignments
 * change, and by the totals rebuild.
 */
export async function rederiveBadge(
  manager: EntityManager,
  serial: string,
): Promise<{ badge: BadgeRow | undefined; readings: RederivedReading[] }> {
  const badge = (await loadBadges(manager, [serial])).get(serial);
  const assignments = badge
    ? await loadAssignments(manager, [serial], ALL_TIME.from, ALL_TIME.to)
    : [];
  const rows = await manager.query<Record<string, unknown>[]>(
    `SELECT seq, measured_at, hp10_nsv, hp007_nsv, hp3_nsv, inc_hp10_nsv, inc_hp007_nsv, inc_hp3_nsv, reset, person_id
       FROM reading WHERE badge_serial = $1 ORDER BY seq`,
    [serial],
  );
  const input = rows.map((row) => ({
    seq: BigInt(row.seq as string),
    registers: registersOf(row, ''),
  }));
  const readings = deriveIncrements(badge?.baseline ?? ZERO_REGISTERS, input).map(
    ({ seq, increments, reset }, index) => {
      const row = rows[index];
      const measuredAt = row.measured_at as Date;
      const stored = {
        increments: registersOf(row, 'inc_'),
        reset: row.reset as boolean,
        personId: row.person_id as string | null,
      };
      const derived = {
        increments,
        reset,
        personId: badge ? wearerAt(assignments, serial, measuredAt) : null,
      };
      const changed =
        stored.personId !== derived.personId ||
        stored.reset !== reset ||
        !sameIncrements(stored.increments, increments);
      return { seq, measuredAt, stored, derived, changed };
    },
  );
  return { badge, readings };
}

/** Stores the derived increments and wearers of the changed readings. */
export async function storeRederived(
  manager: EntityManager,
  serial: string,
  readings: RederivedReading[],
): Promise<void> {
  const changed = readings.filter((reading) => reading.changed);
  if (changed.length === 0) return;
  await manager.query(
    `UPDATE reading r SET inc_hp10_nsv = u.hp10, inc_hp007_nsv = u.hp007, inc_hp3_nsv = u.hp3,
            reset = u.reset, person_id = u.person_id
       FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::boolean[], $7::uuid[])
            AS u(seq, hp10, hp007, hp3, reset, person_id)
      WHERE r.badge_serial = $1 AND r.seq = u.seq`,
    [
      serial,
      changed.map((c) => c.seq.toString()),
      ...registerColumns(changed.map((c) => c.derived.increments)),
      changed.map((c) => c.derived.reset),
      changed.map((c) => c.derived.personId),
    ],
  );
}
