import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { groupBy } from '../common/group-by.js';
import { AppConfig } from '../config/app-config.js';
import { planBadgeBatch } from './badge-batch-plan.js';
import { lockBadges } from './badge-lock.js';
import { doseDeltas } from './dose-deltas.js';
import type { ParsedReading } from './parsed-reading.js';
import { REGISTERS, ZERO_REGISTERS, type Register } from './registers.js';
import {
  loadAssignments,
  loadBadges,
  loadNeighbourhood,
  type AssignmentRow,
} from './reading-store.js';
import {
  addToDailyTotals,
  insertReadings,
  touchBadges,
  updateDerived,
  type DerivedUpdate,
  type DoseDelta,
  type NewReadingRow,
} from './reading-writes.js';
import { Wearers } from './wearers.js';

export interface IngestOutcome {
  accepted: NewReadingRow[];
  duplicates: number;
  unattributed: number;
  deltas: DoseDelta[];
}

/**
 * Stores a batch of readings inside the caller's transaction, exactly once: per badge, under
 * its lock, new readings get their increments (DESIGN.md §3.1), late arrivals split their
 * successors' increments, and every change reaches the wearer's daily totals.
 */
@Injectable()
export class ReadingIngestService {
  constructor(private readonly config: AppConfig) {}

  async ingest(manager: EntityManager, readings: readonly ParsedReading[]): Promise<IngestOutcome> {
    const outcome: IngestOutcome = { accepted: [], duplicates: 0, unattributed: 0, deltas: [] };
    if (readings.length === 0) return outcome;
    const bySerial = groupBy(readings, (reading) => reading.serial);
    const serials = [...bySerial.keys()];
    await lockBadges(manager, serials);
    const times = readings.map((reading) => reading.measuredAt.getTime());
    // One connection: the queries run one after the other.
    const badges = await loadBadges(manager, serials);
    const assignments = await loadAssignments(
      manager,
      serials,
      new Date(Math.min(...times)),
      new Date(Math.max(...times)),
    );
    const neighbourhood = await loadNeighbourhood(
      manager,
      serials.map((serial) => seqRange(serial, bySerial.get(serial) ?? [])),
    );
    const windows = groupBy(neighbourhood.window, (stored) => stored.serial);
    const wearers = await Wearers.load(manager, [
      ...assignments.map((assignment) => assignment.personId),
      ...neighbourhood.window.flatMap((stored) => (stored.personId ? [stored.personId] : [])),
    ]);
    const updates: DerivedUpdate[] = [];
    for (const [serial, incoming] of bySerial) {
      const badge = badges.get(serial);
      const known = neighbourhood.previous.get(serial) ?? {};
      const baseline = badge?.baseline ?? ZERO_REGISTERS;
      const previous = Object.fromEntries(
        REGISTERS.map((r) => [r, known[r] ?? baseline[r]]),
      ) as Record<Register, bigint>;
      const window = windows.get(serial) ?? [];
      const plan = planBadgeBatch({ previous, window, incoming });
      outcome.duplicates += plan.duplicates.length;
      for (const { reading, increments, reset } of plan.fresh) {
        const personId = badge ? wearerAt(assignments, serial, reading.measuredAt) : null;
        if (!personId) outcome.unattributed += 1;
        const doses = wearers.doses(personId, reading.measuredAt, badge?.location, increments);
        outcome.accepted.push({ ...reading, increments, reset, personId, doses });
        outcome.deltas.push(...doseDeltas(personId, reading.measuredAt, {}, doses));
      }
      for (const { stored, increments, reset } of plan.changed) {
        const { personId, measuredAt } = stored;
        const doses = wearers.doses(personId, measuredAt, badge?.location, increments);
        updates.push({ serial, seq: stored.seq, increments, reset, personId, doses });
        outcome.deltas.push(...doseDeltas(personId, measuredAt, stored.doses, doses));
      }
    }
    await insertReadings(manager, outcome.accepted);
    await updateDerived(manager, updates);
    await addToDailyTotals(manager, outcome.deltas, this.config.facilityTz);
    await touchBadges(manager, newestPerBadge(outcome.accepted));
    return outcome;
  }
}

function seqRange(
  serial: string,
  readings: ParsedReading[],
): { serial: string; lo: bigint; hi: bigint } {
  let lo = readings[0].seq;
  let hi = readings[0].seq;
  for (const { seq } of readings) {
    if (seq < lo) lo = seq;
    if (seq > hi) hi = seq;
  }
  return { serial, lo, hi };
}

/** The person assigned to the badge at `at`: assignments are [from, to). */
export function wearerAt(
  assignments: readonly AssignmentRow[],
  serial: string,
  at: Date,
): string | null {
  const time = at.getTime();
  const found = assignments.find(
    (a) =>
      a.serial === serial && a.from.getTime() <= time && (a.to === null || a.to.getTime() > time),
  );
  return found?.personId ?? null;
}

function newestPerBadge(
  rows: NewReadingRow[],
): { serial: string; measuredAt: Date; battery: number | null }[] {
  const newest = new Map<string, NewReadingRow>();
  for (const row of rows) {
    const current = newest.get(row.serial);
    if (!current || current.measuredAt < row.measuredAt) newest.set(row.serial, row);
  }
  return [...newest.values()].map(({ serial, measuredAt, battery }) => ({
    serial,
    measuredAt,
    battery,
  }));
}
