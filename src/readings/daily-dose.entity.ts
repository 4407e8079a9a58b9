import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../people/person.entity.js';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * A person's dose per record quantity and facility-time-zone day, in integer nSv: the unit
 * every period total (quarter, year, rolling windows) is summed from.
 */
@Entity({ name: 'daily_dose' })
@Check('daily_dose_nonnegative_check', `dose_nsv >= 0`)
export class DailyDose {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'daily_dose_person_fk' })
  person?: Person;

  @PrimaryColumn({ type: 'text' })
  quantity: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ name: 'dose_nsv', type: 'bigint', transformer: bigintTransformer })
  doseNsv: bigint;
}
