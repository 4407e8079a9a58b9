import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { groupBy } from '../common/group-by.js';
import { AppConfig } from '../config/app-config.js';
import { planBadgeBatch } from './badge-batch-plan.js';
import { lockStatement } from '../database/badge-lock.js';
import { pipelined } from '../database/pipelined.js';
import { doseDeltas } from './dose-deltas.js';
import type { ParsedReading } from './parsed-reading.js';
import { REGISTERS, ZERO_REGISTERS, type Register } from './registers.js';
import {
  assignmentsFrom,
  assignmentsStatement,
  badgesFrom,
  badgesStatement,
  neighbourhoodFrom,
  neighbourhoodStatement,
} from './reading-store.js';
import { dailyTotalsWrite, type DoseDelta } from '../ledger/daily-totals.js';
import {
  derivedStatements,
  gapCandidateStatements,
  insertReadings,
  touchStatements,
  trackRegisterStatements,
  type DerivedUpdate,
  type GapCandidate,
  type NewReadingRow,
} from './reading-writes.js';
import { openedGaps } from './seq-gaps.js';
import { wearerAt, Wearers } from './wearers.js';

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
    // In serial order, so the new rows reach the indexes in key order, cheaper to insert
    // than in arrival order (bench/README.md, "Postgres write path").
    const serials = [...bySerial.keys()].sort();
    let earliest = Infinity;
    let latest = -Infinity;
    for (const { measuredAt } of readings) {
      earliest = Math.min(earliest, measuredAt.getTime());
      latest = Math.max(latest, measuredAt.getTime());
    }
    // Sent together, run in this order: the reads start once the locks are held, so they see
    // everything committed by whoever held them before.
    const [, badgeRows, assignmentRows, neighbourhoodRows] = await pipelined(manager, [
      lockStatement(serials),
      badgesStatement(serials),
      assignmentsStatement(serials, new Date(earliest), new Date(latest)),
      neighbourhoodStatement(serials.map((serial) => seqRange(serial, bySerial.get(serial) ?? []))),
    ]);
    const badges = badgesFrom(badgeRows.rows);
    const assignments = assignmentsFrom(assignmentRows.rows);
    const neighbourhood = neighbourhoodFrom(neighbourhoodRows.rows);
    const windows = groupBy(neighbourhood.window, (stored) => stored.serial);
    const assignmentsOf = groupBy(assignments, (assignment) => assignment.serial);
    const wearers = await Wearers.load(
      manager,
      [
        ...assignments.map((assignment) => assignment.personId),
        ...neighbourhood.window.flatMap((stored) => (stored.personId ? [stored.personId] : [])),
      ],
      this.config.facilityTz,
    );
    const updates: DerivedUpdate[] = [];
    const gaps: GapCandidate[] = [];
    for (const serial of serials) {
      const incoming = bySerial.get(serial) ?? [];
      const badge = badges.get(serial);
      const known = neighbourhood.previous.get(serial) ?? {};
      const baseline = badge?.baseline ?? ZERO_REGISTERS;
      const previous = Object.fromEntries(
        REGISTERS.map((r) => [r, known[r] ?? baseline[r]]),
      ) as Record<Register, bigint>;
      const window = windows.get(serial) ?? [];
      const plan = planBadgeBatch({ previous, window, incoming });
      outcome.duplicates += plan.duplicates.length;
      const opened = openedGaps(
        neighbourhood.bounds.get(serial) ?? {},
        window.map((stored) => stored.seq),
        plan.fresh.map((fresh) => fresh.reading.seq),
      );
      for (const seq of opened) gaps.push({ serial, seq });
      const side = badge?.side ?? null;
      for (const { reading, increments, reset } of plan.fresh) {
        const personId = badge ? wearerAt(assignmentsOf.get(serial), reading.measuredAt) : null;
        if (!personId) outcome.unattributed += 1;
        const doses = wearers.doses(personId, reading.measuredAt, badge?.location, increments);
        // Spelled out: spreading the reading cost more than everything else in this loop.
        const { seq, measuredAt, registers, doseRateNsvH, battery } = reading;
        outcome.accepted.push({
          serial,
          seq,
          measuredAt,
          registers,
          increments,
          reset,
          doseRateNsvH,
          battery,
          personId,
          doses,
        });
        outcome.deltas.push(...doseDeltas(personId, reading.measuredAt, {}, doses, side));
      }
      for (const { stored, increments, reset } of plan.changed) {
        const { personId, measuredAt } = stored;
        const doses = wearers.doses(personId, measuredAt, badge?.location, increments);
        updates.push({ serial, seq: stored.seq, increments, reset, personId, doses });
        outcome.deltas.push(...doseDeltas(personId, measuredAt, stored.doses, doses, side));
      }
    }
    await insertReadings(manager, outcome.accepted);
    // After the insert (an untracked badge's register row is read from its stored readings).
    const totals = dailyTotalsWrite(outcome.deltas, this.config.facilityTz);
    const results = await pipelined(manager, [
      ...totals.statements,
      ...trackRegisterStatements(serials, neighbourhood.tracked, outcome.accepted),
      ...derivedStatements(updates),
      ...touchStatements(newestPerBadge(outcome.accepted)),
      ...gapCandidateStatements(gaps),
    ]);
    await totals.finish(manager, results.slice(0, totals.statements.length));
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
