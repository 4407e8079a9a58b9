import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { DoseProfile } from './dose-profile.entity.js';

/**
 * One dose limit of a profile and worker category (DESIGN.md §5), in nSv. `category`
 * `pregnancy` holds the limits that apply while a pregnancy is declared.
 */
@Entity({ name: 'dose_limit' })
@Check('dose_limit_period_check', `period IN ('year', '5years', 'pregnancy')`)
@Check('dose_limit_positive_check', `limit_nsv > 0`)
export class DoseLimit {
  @PrimaryColumn({ type: 'text' })
  profile: string;

  @ManyToOne(() => DoseProfile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'profile', foreignKeyConstraintName: 'dose_limit_profile_fk' })
  doseProfile?: DoseProfile;

  @PrimaryColumn({ type: 'text' })
  category: string;

  @PrimaryColumn({ type: 'text' })
  quantity: string;

  @PrimaryColumn({ type: 'text' })
  period: string;

  @Column({ name: 'limit_nsv', type: 'bigint', transformer: bigintTransformer })
  limitNsv: bigint;

  /** The regulation the number comes from. */
  @Column({ type: 'text' })
  source: string;
}
