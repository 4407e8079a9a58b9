import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Reading } from './reading.entity.js';

/**
 * A stored reading whose badge had no reading at the seq just below it when a batch stored it
 * or its neighbour (a lost or late message). Ingestion records it in the batch's transaction;
 * the scheduled `seqGap` rule confirms it once the grace time has passed and removes it. So
 * the rule reads only these few rows, however many readings arrive, and finds gaps in
 * backlogs measured long before they arrived.
 */
@Entity({ name: 'seq_gap_candidate' })
export class SeqGapCandidate {
  @PrimaryColumn({ name: 'badge_serial', type: 'text' })
  badgeSerial: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintTransformer })
  seq: bigint;

  @ManyToOne(() => Reading, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'badge_serial', referencedColumnName: 'badgeSerial' },
    { name: 'seq', referencedColumnName: 'seq' },
  ])
  reading?: Reading;
}
