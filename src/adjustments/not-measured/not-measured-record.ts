import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../../common/bigint.transformer.js';

/**
 * What a prior dose and a dose estimate share (each has a table of its own): whose dose,
 * which facility days it covers, the dose per record quantity in nSv (null: not given;
 * 0: given as zero), and who entered it. Append-only, like the adjustments that book its
 * doses into the ledger (migration 1795698300000).
 */
export abstract class NotMeasuredRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** First facility day of the period, inclusive. */
  @Column({ name: 'period_from', type: 'date' })
  from: string;

  /** Last facility day of the period, inclusive: the day its dose is booked on. */
  @Column({ name: 'period_to', type: 'date' })
  to: string;

  @Column({ name: 'effective_nsv', type: 'bigint', nullable: true, transformer: bigintTransformer })
  effectiveNsv: bigint | null;

  @Column({ name: 'eye_lens_nsv', type: 'bigint', nullable: true, transformer: bigintTransformer })
  eyeLensNsv: bigint | null;

  @Column({ name: 'skin_nsv', type: 'bigint', nullable: true, transformer: bigintTransformer })
  skinNsv: bigint | null;

  @Column({ name: 'extremity_nsv', type: 'bigint', nullable: true, transformer: bigintTransformer })
  extremityNsv: bigint | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'text' })
  author: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The checks both tables hold (SQL over the columns above): a period in order and within one
 * calendar year (its dose is booked on its last day, so it must belong to that day's year),
 * doses not negative, and at least one quantity given.
 */
export const NOT_MEASURED_CHECKS = {
  period: `period_to >= period_from AND date_part('year', period_from) = date_part('year', period_to)`,
  doses:
    `coalesce(effective_nsv, 0) >= 0 AND coalesce(eye_lens_nsv, 0) >= 0 ` +
    `AND coalesce(skin_nsv, 0) >= 0 AND coalesce(extremity_nsv, 0) >= 0`,
  quantityGiven: `num_nonnulls(effective_nsv, eye_lens_nsv, skin_nsv, extremity_nsv) > 0`,
} as const;
