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

/**
 * A signed correction of one person's dose of one record quantity on one facility day
 * (DESIGN.md §7: dose records are never deleted, only corrected by additive adjustments with
 * reason and author). Append-only: a trigger (migration) refuses UPDATE and DELETE. Its dose
 * is also kept in `daily_dose` (dose_nsv and adjustment_nsv), so exposure, alerts and
 * reports count it like a reading.
 */
@Entity({ name: 'dose_adjustment' })
@Index('dose_adjustment_person_day_idx', ['personId', 'day'])
@Check('dose_adjustment_dose_check', `dose_nsv <> 0`)
@Check(
  'dose_adjustment_quantity_check',
  `quantity IN ('effective', 'skin', 'eyeLens', 'extremity', 'fetal')`,
)
@Check('dose_adjustment_reason_check', `length(btrim(reason)) > 0`)
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
