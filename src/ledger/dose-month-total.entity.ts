import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../people/person.entity.js';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * A person's dose per record quantity and calendar month (`month` is its first day), for every
 * closed month (see DoseMonthClose): the sum of that month's `daily_dose` rows, kept so that the
 * alert rules' year and quarter sums read a row per month instead of one heap page per day:
 * with a year of history behind each wearer, that read dominated every evaluation
 * (bench/README.md, "Closed months and years"). Derived data, kept as the year totals are
 * (closed-periods.ts).
 */
@Entity({ name: 'dose_month_total' })
export class DoseMonthTotal {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'dose_month_total_person_fk' })
  person?: Person;

  @PrimaryColumn({ type: 'text' })
  quantity: string;

  @PrimaryColumn({ type: 'date' })
  month: string;

  @Column({ name: 'dose_nsv', type: 'bigint', transformer: bigintTransformer })
  doseNsv: bigint;
}
