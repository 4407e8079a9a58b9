import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per closing: every calendar month up to and including `month` (its first day) has
 * its totals in `dose_month_total`. The highest row is the boundary readers and writers go by.
 */
@Entity({ name: 'dose_month_close' })
export class DoseMonthClose {
  @PrimaryColumn({ type: 'date' })
  month: string;

  @CreateDateColumn({ name: 'closed_at', type: 'timestamptz' })
  closedAt: Date;
}
