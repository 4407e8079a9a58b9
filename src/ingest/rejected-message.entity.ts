import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A message (or one item of a batch) that was not valid: kept with its reason, never lost. */
@Entity({ name: 'rejected_message' })
@Index('rejected_message_received_idx', ['receivedAt'])
export class RejectedMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text' })
  reason: string;

  /** The payload's first bytes, or of its redacted skeleton (see PAYLOAD_KEPT_BYTES). */
  @Column({ type: 'bytea' })
  payload: Buffer;

  /** The size of what was received. */
  @Column({ name: 'payload_bytes', type: 'integer' })
  payloadBytes: number;

  /**
   * `payload` is a skeleton with every value taken out, not the bytes received: a modality's
   * message may carry patient ids in any shape (DESIGN.md §3.3).
   */
  @Column({ type: 'boolean', default: false })
  redacted: boolean;
}
