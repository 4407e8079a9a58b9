import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per closing: every calendar year up to and including `year` has its totals in
 * `dose_year_total`. The highest row is the boundary readers and writers go by.
 */
@Entity({ name: 'dose_year_close' })
export class DoseYearClose {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @CreateDateColumn({ name: 'closed_at', type: 'timestamptz' })
  closedAt: Date;
}
