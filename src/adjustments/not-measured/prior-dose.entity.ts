import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Person } from '../../people/person.entity.js';
import { NOT_MEASURED_CHECKS, NotMeasuredRecord } from './not-measured-record.js';

/**
 * Occupational dose a worker received from another employer within one calendar year, as
 * that employer reported it: the prior dose a US licensee must determine for the current year
 * (10 CFR 20.2104(a)(1)), accepted as a signed statement or record of the most recent employer
 * (20.2104(c)(1), e.g. their NRC Form 5), and by which the dose the worker may still receive
 * this year is reduced (20.1201(f)); under 2013/59/Euratom, the results of individual
 * monitoring recorded for each exposed worker (Art. 43(1)), an outside worker's radiological
 * monitoring data from other undertakings (Art. 51, Annex X, Section B, point 2).
 */
@Entity({ name: 'prior_dose' })
@Index('prior_dose_person_idx', ['personId', 'to'])
@Check('prior_dose_period_check', NOT_MEASURED_CHECKS.period)
@Check('prior_dose_doses_check', NOT_MEASURED_CHECKS.doses)
@Check('prior_dose_quantity_given_check', NOT_MEASURED_CHECKS.quantityGiven)
@Check('prior_dose_employer_check', `length(btrim(employer)) > 0`)
@Check('prior_dose_source_document_check', `length(btrim(source_document)) > 0`)
export class PriorDose extends NotMeasuredRecord {
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'prior_dose_person_fk' })
  person?: Person;

  /** The other employer (or licensee, or undertaking) the dose was received at. */
  @Column({ type: 'text' })
  employer: string;

  /** The record the dose was taken from, e.g. "NRC Form 5 from X, 2026". */
  @Column({ name: 'source_document', type: 'text' })
  sourceDocument: string;
}
