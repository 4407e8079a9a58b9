import type { EntityManager } from 'typeorm';
import type { Caller } from '../audit/caller.js';
import type { DoseMove } from '../readings/attribution-change.js';

/**
 * What a correction of an assignment books beside its re-attributed readings (DESIGN.md §7:
 * dose records are never silently shrunk): the dose each person's record gained or lost, per
 * quantity and day, with the correction's reason and author. The adjustments folder keeps
 * them (with the dose adjustments, as their `reattribution` kind); BadgesModule wires it to
 * ASSIGNMENT_CORRECTION_BOOK, so badges need not import what sits above them.
 */
export interface AssignmentCorrectionBook {
  /** Appends the records in `manager`'s transaction; returns their ids. */
  record(manager: EntityManager, correction: BookedCorrection): Promise<string[]>;
}

export interface BookedCorrection {
  caller: Caller;
  reason: string;
  badgeSerial: string;
  assignmentId: string;
  moves: readonly DoseMove[];
}

export const ASSIGNMENT_CORRECTION_BOOK = Symbol('AssignmentCorrectionBook');
