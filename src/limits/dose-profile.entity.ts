import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A jurisdiction's dosimetry rules (DESIGN.md §4, §5): its name and the coefficients of its
 * two-badge effective dose formula E = a·H(trunk) + b·H(collar), kept as exact decimals.
 */
@Entity({ name: 'dose_profile' })
export class DoseProfile {
  @PrimaryColumn({ type: 'text' })
  profile: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'trunk_coefficient', type: 'numeric' })
  trunkCoefficient: string;

  @Column({ name: 'collar_coefficient', type: 'numeric' })
  collarCoefficient: string;

  /** Where the coefficients come from. */
  @Column({ type: 'text' })
  source: string;
}
