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
import type { EuWorkerCategory, IdType, Sex } from './person-options.js';

export const PERSON_KINDS = ['worker', 'patient'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

@Entity({ name: 'person' })
@Check('person_kind_check', `kind IN ('worker', 'patient')`)
@Check('person_patient_key_check', `patient_key IS NULL OR kind = 'patient'`)
@Check(
  'person_eu_category_check',
  `eu_category IS NULL OR (eu_category IN ('A', 'B') AND kind = 'worker' AND profile = 'eu')`,
)
@Check('person_sex_check', `sex IS NULL OR sex IN ('male', 'female')`)
@Check('person_id_type_check', `id_type IS NULL OR id_type IN ('SSN', 'PPN', 'OTH')`)
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: PersonKind;

  @Column({ type: 'text' })
  name: string;

  @Index('person_employee_id_key', { unique: true })
  @Column({ name: 'employee_id', type: 'text', nullable: true })
  employeeId: string | null;

  /**
   * A patient's pseudonym (HMAC of their hospital id, DESIGN.md §3.2): how exposure events
   * find them. Never the raw id.
   */
  @Index('person_patient_key_key', { unique: true })
  @Column({ name: 'patient_key', type: 'text', nullable: true })
  patientKey: string | null;

  /** Worker category within the limit profile (adult, apprentice, minor, ...): DESIGN.md §5. */
  @Column({ type: 'text', default: 'adult' })
  category: string;

  /**
   * Date of birth (DESIGN.md §5): a minor's or apprentice's category ends on the 18th birthday
   * (people/category-at.ts). Unknown for people recorded before it was kept.
   */
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  /** An `eu` worker's classification, A or B (2013/59/Euratom Art. 40); person-options.ts. */
  @Column({ name: 'eu_category', type: 'text', nullable: true })
  euCategory: EuWorkerCategory | null;

  /** NRC Form 5/4 box 4 (person-options.ts); null when not given. */
  @Column({ type: 'text', nullable: true })
  sex: Sex | null;

  /** NRC Form 5/4 box 3: what kind of number `employeeId` is (person-options.ts). */
  @Column({ name: 'id_type', type: 'text', nullable: true })
  idType: IdType | null;

  /** Limit profile (jurisdiction): DESIGN.md §5. */
  @Column({ type: 'text', default: 'eu' })
  profile: string;

  /**
   * The profile's row (limits/dose-profile.entity.ts), named by string: people sit below
   * limits and know of a profile only its key.
   */
  @ManyToOne('DoseProfile', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'profile', foreignKeyConstraintName: 'person_profile_fk' })
  doseProfile?: { profile: string };

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
