import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../people/person.entity.js';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * A person's dose per record quantity and calendar year, for every closed year (see
 * DoseYearClose): the sum of that year's `daily_dose` rows, kept so that period sums over five
 * years and a lifetime read a row per year instead of one heap page per day. A live system
 * writes each day's totals of everyone together, so one person's days lie on as many pages
 * as there are days (bench/README.md, "Closed months and years"). Derived data: every writer of
 * closed days adds its change here in the same transaction (closed-periods.ts), and
 * recompute-totals rebuilds it. No sign check: a negative adjustment may take a year below
 * zero, as a day.
 */
@Entity({ name: 'dose_year_total' })
export class DoseYearTotal {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'dose_year_total_person_fk' })
  person?: Person;

  @PrimaryColumn({ type: 'text' })
  quantity: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ name: 'dose_nsv', type: 'bigint', transformer: bigintTransformer })
  doseNsv: bigint;
}
