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

/** A declared pregnancy: the fetal limit applies from the declaration to its end (DESIGN.md §5). */
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

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
