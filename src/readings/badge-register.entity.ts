import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

const bigint = (name: string) =>
  ({ name, type: 'bigint', nullable: true, transformer: bigintTransformer }) as const;

/**
 * Per badge serial (registered or not), each register's value at the highest stored seq that
 * carries it (null: no stored reading carries it). A row exists only once it covers every
 * stored reading of the serial, so ingestion can take the register before an in-order batch
 * from here instead of searching the badge's history — a badge that never sends hp3 made
 * that search read every one of its readings, on every batch. Derived data: ingestion keeps
 * it under the badge's lock; deleting a row only brings the search back once.
 */
@Entity({ name: 'badge_register' })
export class BadgeRegister {
  @PrimaryColumn({ type: 'text' })
  serial: string;

  @Column(bigint('hp10_seq'))
  hp10Seq: bigint | null;

  @Column(bigint('hp10_nsv'))
  hp10Nsv: bigint | null;

  @Column(bigint('hp007_seq'))
  hp007Seq: bigint | null;

  @Column(bigint('hp007_nsv'))
  hp007Nsv: bigint | null;

  @Column(bigint('hp3_seq'))
  hp3Seq: bigint | null;

  @Column(bigint('hp3_nsv'))
  hp3Nsv: bigint | null;

  /** The highest stored seq of the serial, with or without registers (null: not known). */
  @Column(bigint('last_seq'))
  lastSeq: bigint | null;
}
