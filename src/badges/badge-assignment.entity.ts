import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Person } from '../people/person.entity.js';
import { Badge } from './badge.entity.js';

/** Who wears a badge when: [validFrom, validTo), open-ended while worn. Never overlapping. */
@Entity({ name: 'badge_assignment' })
@Exclusion(
  'badge_assignment_no_overlap',
  `USING gist ("badge_serial" WITH =, tstzrange("valid_from", "valid_to", '[)') WITH &&)`,
)
@Check('badge_assignment_period_check', `valid_to IS NULL OR valid_to > valid_from`)
@Index('badge_assignment_person_idx', ['personId', 'validFrom'])
export class BadgeAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'badge_serial', type: 'text' })
  badgeSerial: string;

  @ManyToOne(() => Badge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'badge_serial', foreignKeyConstraintName: 'badge_assignment_badge_fk' })
  badge?: Badge;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'badge_assignment_person_fk' })
  person?: Person;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo: Date | null;

  /**
   * Whether the wearer works in a protective apron meanwhile: it decides the effective dose
   * rule and whether a trunk badge also stands for the eye lens (DESIGN.md §4). Null on
   * assignments made before it was recorded, which keep the rules they were counted under.
   */
  @Column({ type: 'boolean', nullable: true })
  apron: boolean | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
