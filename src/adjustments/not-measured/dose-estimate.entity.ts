import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Person } from '../../people/person.entity.js';
import { NOT_MEASURED_CHECKS, NotMeasuredRecord } from './not-measured-record.js';
import { ESTIMATE_METHODS, ESTIMATE_REASONS } from './estimate-terms.js';

/**
 * Dose estimated for a period no badge measured (a badge lost, damaged, not worn): where
 * individual measurement was impossible or inadequate, monitoring rests on an estimate
 * (2013/59/Euratom Art. 41(3)); NRC Forms 5 and 4 mark such a dose `ESTIMATE` rather than
 * `RECORD`. The method and reason are kept with it.
 */
@Entity({ name: 'dose_estimate' })
@Index('dose_estimate_person_idx', ['personId', 'to'])
@Check('dose_estimate_period_check', NOT_MEASURED_CHECKS.period)
@Check('dose_estimate_doses_check', NOT_MEASURED_CHECKS.doses)
@Check('dose_estimate_quantity_given_check', NOT_MEASURED_CHECKS.quantityGiven)
@Check(
  'dose_estimate_method_check',
  `method IN (${ESTIMATE_METHODS.map((m) => `'${m}'`).join(', ')})`,
)
@Check(
  'dose_estimate_reason_check',
  `reason IN (${ESTIMATE_REASONS.map((r) => `'${r}'`).join(', ')})`,
)
@Check(
  'dose_estimate_note_check',
  `(method <> 'other' AND reason <> 'other') OR length(btrim(coalesce(note, ''))) > 0`,
)
export class DoseEstimate extends NotMeasuredRecord {
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'dose_estimate_person_fk' })
  person?: Person;

  @Column({ type: 'text' })
  method: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
