import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

const nsv = (name: string) =>
  ({ name, type: 'bigint', nullable: true, transformer: bigintTransformer }) as const;

/**
 * One badge reading as received (DESIGN.md §3.1): its accumulated registers and the
 * increments derived from them by seq order. `(badge_serial, seq)` is the idempotency key.
 * A reading whose badge nobody wore at measuredAt has no person: held, unattributed.
 */
@Entity({ name: 'reading' })
@Check('reading_registers_check', `hp10_nsv >= 0 AND hp007_nsv >= 0 AND hp3_nsv >= 0`)
@Check('reading_increments_check', `inc_hp10_nsv >= 0 AND inc_hp007_nsv >= 0 AND inc_hp3_nsv >= 0`)
@Check('reading_seq_check', `seq >= 0`)
@Index('reading_person_time_idx', ['personId', 'measuredAt'])
export class Reading {
  @PrimaryColumn({ name: 'badge_serial', type: 'text' })
  badgeSerial: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintTransformer })
  seq: bigint;

  @Column({ name: 'measured_at', type: 'timestamptz' })
  measuredAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column(nsv('hp10_nsv'))
  hp10Nsv: bigint | null;

  @Column(nsv('hp007_nsv'))
  hp007Nsv: bigint | null;

  @Column(nsv('hp3_nsv'))
  hp3Nsv: bigint | null;

  @Column(nsv('inc_hp10_nsv'))
  incHp10Nsv: bigint | null;

  @Column(nsv('inc_hp007_nsv'))
  incHp007Nsv: bigint | null;

  @Column(nsv('inc_hp3_nsv'))
  incHp3Nsv: bigint | null;

  /** A register went down since the previous reading: the badge was reset. */
  @Column({ type: 'boolean', default: false })
  reset: boolean;

  @Column(nsv('dose_rate_nsv_h'))
  doseRateNsvH: bigint | null;

  @Column({ type: 'smallint', nullable: true })
  battery: number | null;

  /**
   * What this reading adds to its wearer's record quantities (DESIGN.md §4: coefficient ×
   * increment, by the badges worn at measuredAt), nSv. Daily totals are their sums.
   */
  @Column(nsv('effective_nsv'))
  effectiveNsv: bigint | null;

  @Column(nsv('skin_nsv'))
  skinNsv: bigint | null;

  @Column(nsv('eye_lens_nsv'))
  eyeLensNsv: bigint | null;

  @Column(nsv('extremity_nsv'))
  extremityNsv: bigint | null;

  @Column(nsv('fetal_nsv'))
  fetalNsv: bigint | null;

  /**
   * The wearer, from a badge assignment. No foreign key: checking one locked the person row
   * for every reading inserted; persons are never deleted instead (migration PersonsKept).
   */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;
}
