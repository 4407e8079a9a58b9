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

  /** The payload's first bytes (see PAYLOAD_KEPT_BYTES). */
  @Column({ type: 'bytea' })
  payload: Buffer;

  @Column({ name: 'payload_bytes', type: 'integer' })
  payloadBytes: number;
}
