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
import { BadgeAssignment } from '../badges/badge-assignment.entity.js';

/** `dose`: an adjustment of its own; `reattribution`: dose that moved with its readings. */
export const ADJUSTMENT_KINDS = ['dose', 'reattribution'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/**
 * A signed correction of one person's dose of one record quantity on one facility day
 * (DESIGN.md §7: dose records are never deleted, only corrected by additive adjustments with
 * reason and author). Append-only: a trigger (migration) refuses UPDATE and DELETE.
 *
 * Two kinds. A `dose` adjustment is dose of its own: it is also kept in `daily_dose`
 * (dose_nsv and adjustment_nsv), so exposure, alerts and reports count it like a reading. A
 * `reattribution` records what a corrected assignment moved: its readings were re-attributed,
 * and with them this dose left (or joined) the person's record on that day. The readings carry
 * that dose in the totals already, so it is listed, never added again: every sum of
 * adjustments takes `kind = 'dose'` only.
 */
@Entity({ name: 'dose_adjustment' })
@Index('dose_adjustment_person_day_idx', ['personId', 'day'])
@Check('dose_adjustment_dose_check', `dose_nsv <> 0`)
@Check(
  'dose_adjustment_quantity_check',
  `quantity IN ('effective', 'skin', 'eyeLens', 'extremity', 'fetal')`,
)
@Check('dose_adjustment_reason_check', `length(btrim(reason)) > 0`)
@Check('dose_adjustment_kind_check', `kind IN ('dose', 'reattribution')`)
@Check(
  'dose_adjustment_reattribution_check',
  `(kind = 'reattribution') = (badge_serial IS NOT NULL AND assignment_id IS NOT NULL)`,
)
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

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'text' })
  author: string;

  @Column({ type: 'text', default: 'dose' })
  kind: AdjustmentKind;

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
