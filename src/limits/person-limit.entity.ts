import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Person } from '../people/person.entity.js';

/** A limit set for one person, replacing their profile's for that quantity and period. */
@Entity({ name: 'person_limit' })
@Check('person_limit_period_check', `period IN ('year', '5years', 'pregnancy')`)
@Check('person_limit_positive_check', `limit_nsv > 0`)
export class PersonLimit {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'person_limit_person_fk' })
  person?: Person;

  @PrimaryColumn({ type: 'text' })
  quantity: string;

  @PrimaryColumn({ type: 'text' })
  period: string;

  @Column({ name: 'limit_nsv', type: 'bigint', transformer: bigintTransformer })
  limitNsv: bigint;

  @Column({ type: 'text' })
  reason: string;
}
