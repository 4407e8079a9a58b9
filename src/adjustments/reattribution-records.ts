import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AssignmentCorrectionBook,
  BookedCorrection,
} from '../badges/assignment-correction.js';
import { DoseAdjustment } from './dose-adjustment.entity.js';

/**
 * The dose a corrected assignment moved, kept as `reattribution` adjustments: one per person,
 * quantity and day whose record gained or lost dose with the re-attributed readings, each with
 * the correction's reason, author, badge and assignment. Listed with the person's adjustments
 * and in their dose record; not added to the totals, which the readings already changed.
 */
@Injectable()
export class ReattributionRecords implements AssignmentCorrectionBook {
  async record(manager: EntityManager, correction: BookedCorrection): Promise<string[]> {
    if (correction.moves.length === 0) return [];
    const rows = correction.moves.map((move) =>
      manager.create(DoseAdjustment, {
        personId: move.personId,
        quantity: move.quantity,
        doseNsv: move.nsv,
        day: move.day,
        reason: correction.reason,
        authorId: correction.caller.userId,
        author: correction.caller.username,
        kind: 'reattribution',
        badgeSerial: correction.badgeSerial,
        assignmentId: correction.assignmentId,
      }),
    );
    const saved = await manager.save(rows);
    return saved.map((row) => row.id);
  }
}
