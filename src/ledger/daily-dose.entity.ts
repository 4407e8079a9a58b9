import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../people/person.entity.js';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * A person's dose per record quantity and facility-time-zone day, in integer nSv: the unit
 * every period total (quarter, year, rolling windows) is summed from. `dose_nsv` is readings
 * plus adjustments; `adjustment_nsv` the adjustments' part, kept apart so that the readings'
 * part can still be checked non-negative (a negative adjustment may take a day below zero
 * once a reading it corrected is later attributed elsewhere, but readings never can).
 */
@Entity({ name: 'daily_dose' })
@Check('daily_dose_readings_nonnegative_check', `dose_nsv - adjustment_nsv >= 0`)
export class DailyDose {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'daily_dose_person_fk' })
  person?: Person;

  /** Keyed (person, day, quantity): a person's days in a range are one stretch of the index. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'text' })
  quantity: string;

  @Column({ name: 'dose_nsv', type: 'bigint', transformer: bigintTransformer })
  doseNsv: bigint;

  /** The sum of this day's dose adjustments (signed), included in doseNsv. */
  @Column({
    name: 'adjustment_nsv',
    type: 'bigint',
    default: 0,
    transformer: bigintTransformer,
  })
  adjustmentNsv: bigint;
}
