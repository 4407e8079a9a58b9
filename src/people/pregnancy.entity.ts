import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Person } from './person.entity.js';

/**
 * A declared pregnancy (DESIGN.md §4, §5): the fetal limit applies to its end, counted from the
 * declaration or, where the profile counts the whole pregnancy (`us-nrc`), from the estimated
 * conception the declaration carries.
 */
@Entity({ name: 'pregnancy' })
@Check('pregnancy_period_check', `ends_at IS NULL OR ends_at > declared_at`)
@Index('pregnancy_person_idx', ['personId', 'declaredAt'])
export class Pregnancy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'pregnancy_person_fk' })
  person?: Person;

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;

  /**
   * The estimated conception day (facility calendar date): where the fetal limit's period
   * starts under 10 CFR 20.1208(a) ("during the entire pregnancy"). Null on declarations made
   * before it was recorded, which count from the declaration.
   */
  @Column({ name: 'estimated_conception', type: 'date', nullable: true })
  estimatedConception: string | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
