import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Person } from '../people/person.entity.js';
import type { AdjustmentKind } from './adjustment-kind.js';
import { DoseEstimate } from './not-measured/dose-estimate.entity.js';
import { PriorDose } from './not-measured/prior-dose.entity.js';
import { BadgeAssignment } from '../badges/badge-assignment.entity.js';

/**
 * A signed correction of one person's dose of one record quantity on one facility day
 * (DESIGN.md §7: dose records are never deleted, only corrected by additive adjustments with
 * reason and author). Append-only: a trigger (migration) refuses UPDATE and DELETE.
 *
 * Its kind (adjustment-kind.ts) says where the dose came from. A correction, a prior dose's or
 * an estimate's quantity is dose of its own: it is also kept in `daily_dose` (dose_nsv and
 * adjustment_nsv), so exposure, alerts and reports count it like a reading; a prior dose or an
 * estimate books each of its quantities as one adjustment linked to it. A `reattribution`
 * records what a corrected assignment moved: its readings were re-attributed, and with them
 * this dose left (or joined) the person's record on that day. The readings carry that dose in
 * the totals already, so it is listed, never added again: every sum of adjustments leaves it
 * out (COUNTED_KIND_SQL).
 */
@Entity({ name: 'dose_adjustment' })
@Index('dose_adjustment_person_day_idx', ['personId', 'day'])
@Check('dose_adjustment_dose_check', `dose_nsv <> 0`)
@Check(
  'dose_adjustment_quantity_check',
  `quantity IN ('effective', 'skin', 'eyeLens', 'extremity', 'fetal')`,
)
@Check('dose_adjustment_reason_check', `length(btrim(reason)) > 0`)
@Check(
  'dose_adjustment_kind_check',
  `(kind = 'correction' AND prior_dose_id IS NULL AND dose_estimate_id IS NULL)
    OR (kind = 'priorDose' AND prior_dose_id IS NOT NULL AND dose_estimate_id IS NULL AND dose_nsv > 0)
    OR (kind = 'estimate' AND dose_estimate_id IS NOT NULL AND prior_dose_id IS NULL AND dose_nsv > 0)
    OR (kind = 'reattribution' AND prior_dose_id IS NULL AND dose_estimate_id IS NULL)`,
)
@Check(
  'dose_adjustment_reattribution_check',
  `(kind = 'reattribution') = (badge_serial IS NOT NULL AND assignment_id IS NOT NULL)`,
)
@Index('dose_adjustment_prior_dose_idx', ['priorDoseId', 'quantity'], { unique: true })
@Index('dose_adjustment_dose_estimate_idx', ['doseEstimateId', 'quantity'], { unique: true })
export class DoseAdjustment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'dose_adjustment_person_fk' })
  person?: Person;

  @Column({ type: 'text' })
  quantity: string;

  /** Signed, nSv: a negative adjustment removes dose wrongly recorded. */
  @Column({ name: 'dose_nsv', type: 'bigint', transformer: bigintTransformer })
  doseNsv: bigint;

  /** The facility-time-zone day the dose counts on (its quarter and year follow from it). */
  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', default: 'correction' })
  kind: AdjustmentKind;

  /** The prior dose this adjustment books one quantity of (kind `priorDose`). */
  @Column({ name: 'prior_dose_id', type: 'uuid', nullable: true })
  priorDoseId: string | null;

  @ManyToOne(() => PriorDose, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'prior_dose_id', foreignKeyConstraintName: 'dose_adjustment_prior_dose_fk' })
  priorDose?: PriorDose;

  /** The dose estimate this adjustment books one quantity of (kind `estimate`). */
  @Column({ name: 'dose_estimate_id', type: 'uuid', nullable: true })
  doseEstimateId: string | null;

  @ManyToOne(() => DoseEstimate, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'dose_estimate_id',
    foreignKeyConstraintName: 'dose_adjustment_dose_estimate_fk',
  })
  doseEstimate?: DoseEstimate;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'text' })
  author: string;

  /** A reattribution's badge and the assignment whose correction moved the readings. */
  @Column({ name: 'badge_serial', type: 'text', nullable: true })
  badgeSerial: string | null;

  @Column({ name: 'assignment_id', type: 'uuid', nullable: true })
  assignmentId: string | null;

  @ManyToOne(() => BadgeAssignment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'dose_adjustment_assignment_fk' })
  assignment?: BadgeAssignment;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
