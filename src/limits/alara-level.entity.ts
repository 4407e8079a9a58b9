import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { DoseProfile } from './dose-profile.entity.js';

/**
 * A profile's ALARA investigation levels for one quantity (DESIGN.md §5): the dose within one
 * calendar quarter, in nSv, at which Level I (`notice`) and Level II (`warning`) are reached.
 * Both levels of a quantity share a row, so the database itself keeps Level I below Level II.
 */
@Entity({ name: 'alara_level' })
@Check('alara_level_quantity_check', `quantity IN ('effective', 'eyeLens', 'skin', 'extremity')`)
@Check('alara_level_order_check', `level_i_nsv > 0 AND level_i_nsv < level_ii_nsv`)
export class AlaraLevel {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'alara_level_pkey' })
  profile: string;

  @ManyToOne(() => DoseProfile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'profile', foreignKeyConstraintName: 'alara_level_profile_fk' })
  doseProfile?: DoseProfile;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'alara_level_pkey' })
  quantity: string;

  @Column({ name: 'level_i_nsv', type: 'bigint', transformer: bigintTransformer })
  levelINsv: bigint;

  @Column({ name: 'level_ii_nsv', type: 'bigint', transformer: bigintTransformer })
  levelIINsv: bigint;

  /** The guidance the numbers come from, or the RSO's reason for their own. */
  @Column({ type: 'text' })
  source: string;
}
