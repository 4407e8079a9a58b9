import type { EntityManager } from 'typeorm';
import { groupBy } from '../common/group-by.js';
import { sameDoses } from './dose-deltas.js';
import { deriveIncrements, sameIncrements } from './increments.js';
import type { QuantityDoses } from './rules/reading-doses.js';
import {
  DOSE_SELECT,
  dosesOf,
  loadAssignments,
  loadBadges,
  registersOf,
  type BadgeRow,
} from './reading-store.js';
import { updateDerived, type DerivedUpdate } from './reading-writes.js';
import { ZERO_REGISTERS, type Registers } from './registers.js';
import { wearerAt, Wearers } from './wearers.js';

// Within Postgres' timestamptz range, and beyond any dose record.
const ALL_TIME = { from: new Date('1900-01-01T00:00:00Z'), to: new Date('9999-12-31T00:00:00Z') };

interface Derived {
  increments: Registers;
  reset: boolean;
  personId: string | null;
  doses: QuantityDoses;
}

export interface RederivedReading {
  serial: string;
  seq: bigint;
  measuredAt: Date;
  stored: Derived;
  derived: Derived;
  changed: boolean;
}

/**
 * Derives the badges' increments, wearers and doses from scratch (registers by seq from the
 * baseline, assignments at measuredAt, the wearers' badges, pregnancies (counted in the
 * facility days of `timeZone`) and profiles), beside what is
 * stored. Used when registration or assignments change, and by the totals rebuild.
 */
export async function rederiveBadges(
  manager: EntityManager,
  serials: string[],
  timeZone: string,
): Promise<{ badges: Map<string, BadgeRow>; readings: RederivedReading[] }> {
  const badges = await loadBadges(manager, serials);
  const assignments = await loadAssignments(manager, serials, ALL_TIME.from, ALL_TIME.to);
  const rows = await manager.query<Record<string, unknown>[]>(
    `SELECT badge_serial, seq, measured_at, hp10_nsv, hp007_nsv, hp3_nsv, inc_hp10_nsv, inc_hp007_nsv, inc_hp3_nsv,
            reset, person_id, ${DOSE_SELECT}
       FROM reading WHERE badge_serial = ANY($1::text[]) ORDER BY badge_serial, seq`,
    [serials],
  );
  const assignmentsOf = groupBy(assignments, (assignment) => assignment.serial);
  const partial: Omit<RederivedReading, 'changed'>[] = [];
  for (const [serial, badgeRows] of groupBy(rows, (row) => row.badge_serial as string)) {
    const badge = badges.get(serial);
    const input = badgeRows.map((row) => ({
      seq: BigInt(row.seq as string),
      registers: registersOf(row, ''),
    }));
    deriveIncrements(badge?.baseline ?? ZERO_REGISTERS, input).forEach(
      ({ seq, increments, reset }, index) => {
        const row = badgeRows[index];
        const measuredAt = row.measured_at as Date;
        partial.push({
          serial,
          seq,
          measuredAt,
          stored: {
            increments: registersOf(row, 'inc_'),
            reset: row.reset as boolean,
            personId: row.person_id as string | null,
            doses: dosesOf(row),
          },
          derived: {
            increments,
            reset,
            personId: badge ? wearerAt(assignmentsOf.get(serial), measuredAt) : null,
            doses: {},
          },
        });
      },
    );
  }
  const wearers = await Wearers.load(
    manager,
    partial.flatMap(({ stored, derived }) =>
      [stored.personId, derived.personId].filter((id): id is string => !!id),
    ),
    timeZone,
  );
  const readings = partial.map((reading) => {
    const { derived, stored } = reading;
    derived.doses = wearers.doses(
      derived.personId,
      reading.measuredAt,
      badges.get(reading.serial)?.location,
      derived.increments,
    );
    const changed =
      stored.personId !== derived.personId ||
      stored.reset !== derived.reset ||
      !sameIncrements(stored.increments, derived.increments) ||
      !sameDoses(stored.doses, derived.doses);
    return { ...reading, changed };
  });
  return { badges, readings };
}

/** Stores the derived values of the changed readings. */
export async function storeRederived(
  manager: EntityManager,
  readings: RederivedReading[],
): Promise<void> {
  const updates: DerivedUpdate[] = readings
    .filter((reading) => reading.changed)
    .map(({ serial, seq, derived }) => ({ serial, seq, ...derived }));
  await updateDerived(manager, updates);
}
