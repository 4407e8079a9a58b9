import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import type { BadgeStatus } from './badge-fields.js';
import type { BodyLocation } from '../readings/body-location.js';
import type { ExtremitySide } from '../common/quantities.js';

@Entity({ name: 'badge' })
@Check('badge_serial_check', `serial ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'`)
@Check(
  'badge_body_location_check',
  `body_location IN ('trunk', 'collar', 'eye', 'extremity', 'fetal')`,
)
@Check(
  'badge_side_check',
  `side IS NULL OR (side IN ('left', 'right') AND body_location = 'extremity')`,
)
@Check('badge_status_check', `status IN ('active', 'lost', 'damaged', 'retired')`)
@Check(
  'badge_baseline_check',
  `baseline_hp10_nsv >= 0 AND baseline_hp007_nsv >= 0 AND baseline_hp3_nsv >= 0`,
)
@Check('badge_battery_check', `battery BETWEEN 0 AND 100`)
export class Badge {
  @PrimaryColumn({ type: 'text' })
  serial: string;

  /** Fixed at registration: totals already counted depend on it. */
  @Column({ name: 'body_location', type: 'text' })
  bodyLocation: BodyLocation;

  /**
   * Which hand (or foot) an extremity badge is worn on, fixed at registration like the
   * location: each side's dose is kept apart and the record takes the most exposed one
   * (DESIGN.md §4, ledger/extremity-sides.ts). Null: not known, or not an extremity badge.
   */
  @Column({ type: 'text', nullable: true })
  side: ExtremitySide | null;

  @Column({ type: 'text', default: 'active' })
  status: BadgeStatus;

  /** Register values at registration (nSv): the first reading's increment counts from here. */
  @Column({ name: 'baseline_hp10_nsv', type: 'bigint', default: 0, transformer: bigintTransformer })
  baselineHp10Nsv: bigint;

  @Column({
    name: 'baseline_hp007_nsv',
    type: 'bigint',
    default: 0,
    transformer: bigintTransformer,
  })
  baselineHp007Nsv: bigint;

  @Column({ name: 'baseline_hp3_nsv', type: 'bigint', default: 0, transformer: bigintTransformer })
  baselineHp3Nsv: bigint;

  @Column({ name: 'calibration_due', type: 'date', nullable: true })
  calibrationDue: string | null;

  /** measuredAt of the newest reading. */
  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  /** Battery % of the newest reading that carried one. */
  @Column({ type: 'smallint', nullable: true })
  battery: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
