import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { TwoBadgeAlgorithm } from './two-badge-algorithm.entity.js';

const optionalNsv = (name: string) =>
  ({ name, type: 'bigint', nullable: true, transformer: bigintTransformer }) as const;

/**
 * A jurisdiction's dosimetry rules (DESIGN.md §4, §5), each with its source: the two-badge
 * algorithm of its apron wearers, the factor of a single collar badge over an apron, and how a
 * declared pregnancy is counted. Read-only over HTTP: readings already counted carry these
 * rules in their doses (limit-profiles.service.ts).
 */
@Entity({ name: 'dose_profile' })
@Check('dose_profile_pregnancy_from_check', `pregnancy_from IN ('declaration', 'conception')`)
export class DoseProfile {
  @PrimaryColumn({ type: 'text' })
  profile: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'two_badge_algorithm', type: 'text' })
  twoBadgeAlgorithm: string;

  @ManyToOne(() => TwoBadgeAlgorithm, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'two_badge_algorithm',
    foreignKeyConstraintName: 'dose_profile_two_badge_algorithm_fk',
  })
  algorithm?: TwoBadgeAlgorithm;

  /** E = factor × H(collar) for an apron wearer with only a collar badge. */
  @Column({ name: 'collar_only_factor', type: 'numeric' })
  collarOnlyFactor: string;

  @Column({ name: 'collar_only_source', type: 'text' })
  collarOnlySource: string;

  /**
   * Where the fetal limit's period starts: the declaration (2013/59/Euratom Art. 10(1)) or the
   * estimated conception the declaration carries (10 CFR 20.1208(a): "during the entire
   * pregnancy").
   */
  @Column({ name: 'pregnancy_from', type: 'text' })
  pregnancyFrom: 'declaration' | 'conception';

  /**
   * 10 CFR 20.1208(d): when the fetal dose by the declaration is within this much of the
   * limit (or over it), the limit becomes that dose plus this much for the remainder. Null:
   * the profile has no such rule.
   */
  @Column(optionalNsv('fetal_declaration_margin_nsv'))
  fetalDeclarationMarginNsv: bigint | null;

  /** A month's fetal dose above this raises `fetalMonthly` (Reg. Guide 8.36); null: no such guidance. */
  @Column(optionalNsv('fetal_monthly_nsv'))
  fetalMonthlyNsv: bigint | null;

  /** Where the profile's rules come from. */
  @Column({ type: 'text' })
  source: string;
}
