import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A published two-badge algorithm for the effective dose of an apron wearer (DESIGN.md §4):
 * E = under·H_u + over·H_o, H_u the Hp(10) under the apron (trunk or fetal badge), H_o the
 * Hp(10) of the collar badge over it. Exact decimals; each row cites its paper.
 */
@Entity({ name: 'two_badge_algorithm' })
@Check('two_badge_algorithm_coefficients_check', `under_coefficient >= 0 AND over_coefficient >= 0`)
export class TwoBadgeAlgorithm {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'two_badge_algorithm_pkey' })
  algorithm: string;

  @Column({ name: 'under_coefficient', type: 'numeric' })
  underCoefficient: string;

  @Column({ name: 'over_coefficient', type: 'numeric' })
  overCoefficient: string;

  @Column({ type: 'text' })
  source: string;
}
