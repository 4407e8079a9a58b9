import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import { AttributionService } from '../readings/attribution.service.js';
import {
  takesFromRecords,
  type AttributionChange,
  type DoseMove,
} from '../readings/attribution-change.js';
import {
  ASSIGNMENT_CORRECTION_BOOK,
  type AssignmentCorrectionBook,
} from './assignment-correction.js';
import { BadgeAssignment } from './badge-assignment.entity.js';
import type { AssignmentCorrectionDto } from './dto/assignment-correction.dto.js';
import type { AssignmentDto } from './dto/assignment.dto.js';
import type { Caller } from '../audit/caller.js';

export interface Period {
  validFrom: Date;
  validTo: Date | null;
}

export interface PeriodChange {
  assignment: BadgeAssignment;
  period: Period;
  /** The answer's and the audit entry's shape of an assignment. */
  toDto: (assignment: BadgeAssignment) => AssignmentDto;
  /** The audit action of the change when no correction comes with it. */
  action: string;
  caller: Caller;
  correction: AssignmentCorrectionDto | undefined;
}

/**
 * Changes an assignment's period and re-attributes the badge's readings to it. A change that
 * would take readings or dose from anyone's record is refused (409, naming what would move)
 * unless it comes as a correction with a reason (DESIGN.md §7): then the dose each record
 * gains or loses is booked beside the readings (ASSIGNMENT_CORRECTION_BOOK) and the audit
 * entry carries the reason and the dose moved. The caller holds the badge's lock.
 */
@Injectable()
export class AssignmentPeriods {
  constructor(
    private readonly audit: AuditService,
    private readonly attribution: AttributionService,
    @Inject(ASSIGNMENT_CORRECTION_BOOK) private readonly book: AssignmentCorrectionBook,
  ) {}

  async change(
    manager: EntityManager,
    { assignment, period, toDto, action, caller, correction }: PeriodChange,
  ): Promise<AssignmentDto> {
    const before = toDto(assignment);
    await manager.update(BadgeAssignment, { id: assignment.id }, period);
    const after = toDto({ ...assignment, ...period });
    const change = await this.attribution.reattribute(manager, assignment.badgeSerial);
    // Thrown inside the transaction: the period and the re-attribution roll back with it.
    if (!correction && takesFromRecords(change))
      throw new ConflictException(refusal(assignment.badgeSerial, change));
    const corrected = correction && {
      of: action,
      reason: correction.reason.trim(),
      readingsMoved: sumOf(change.readingsTaken.values()),
      doseMoved: doseMoved(change.moves),
      adjustments: await this.book.record(manager, {
        caller,
        reason: correction.reason.trim(),
        badgeSerial: assignment.badgeSerial,
        assignmentId: assignment.id,
        moves: change.moves,
      }),
    };
    await this.audit.record(manager, {
      caller,
      action: corrected ? 'assignment.correct' : action,
      entity: 'assignment',
      entityId: after.id,
      before,
      after: corrected ? { ...after, correction: corrected } : after,
    });
    return after;
  }
}

/** Per person and quantity, the net dose their record gains (+) or loses (−), in mSv. */
function doseMoved(
  moves: readonly DoseMove[],
): { personId: string; quantity: string; doseMSv: number }[] {
  const sums = new Map<string, { personId: string; quantity: string; nsv: bigint }>();
  for (const { personId, quantity, nsv } of moves) {
    const key = `${personId}|${quantity}`;
    const sum = sums.get(key) ?? { personId, quantity, nsv: 0n };
    sum.nsv += nsv;
    sums.set(key, sum);
  }
  return [...sums.values()]
    .filter(({ nsv }) => nsv !== 0n)
    .map(({ personId, quantity, nsv }) => ({
      personId,
      quantity,
      doseMSv: nanosievertsToMillisieverts(nsv),
    }));
}

const sumOf = (counts: Iterable<number>): number => [...counts].reduce((a, b) => a + b, 0);

/** The 409's answer: what would move, and how to make the change as a correction. */
function refusal(serial: string, change: AttributionChange) {
  const people = new Set([
    ...change.readingsTaken.keys(),
    ...change.moves.filter((move) => move.nsv < 0n).map((move) => move.personId),
  ]);
  const taken = doseMoved(change.moves.filter((move) => move.nsv < 0n));
  const parts = [...people].map((personId) => {
    const doses = taken
      .filter((dose) => dose.personId === personId)
      .map((dose) => `${-dose.doseMSv} mSv ${dose.quantity}`);
    const readings = change.readingsTaken.get(personId) ?? 0;
    return `person ${personId}: ${[`${readings} reading(s)`, ...doses].join(', ')}`;
  });
  return {
    statusCode: 409,
    error: 'Conflict',
    message:
      `This change to badge ${serial}'s assignment would take from dose records: ` +
      `${parts.join('; ')}. To make it, send it again as a correction, with ` +
      `"correction": {"reason": "…"}: the readings are then re-attributed and the dose moved ` +
      `is listed with each person's adjustments.`,
    readingsMoved: sumOf(change.readingsTaken.values()),
    doseMoved: taken,
  };
}
