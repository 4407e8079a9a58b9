import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';

/**
 * An alert (DESIGN.md §6): unique per (kind, subject, quantity, period) through `key`, so a
 * repeat never creates a second one and a higher level escalates the same row. Published
 * to MQTT after the commit that raised it; `published_rank` remembers the highest level sent,
 * so a restart never sends one twice.
 */
@Entity({ name: 'alert' })
@Index('alert_key_unique', ['key'], { unique: true })
@Index('alert_person_idx', ['personId', 'raisedAt'])
@Index('alert_state_idx', ['state', 'raisedAt'])
// Episode lookups (dose rate, battery, silent badge) and the sweep of unpublished levels.
@Index('alert_badge_active_idx', ['badgeSerial', 'kind'], { where: `state <> 'resolved'` })
@Index('alert_unpublished_idx', ['updatedAt'], { where: 'published_rank < level_rank' })
@Index('alert_unpublished_resolution_idx', ['updatedAt'], {
  where: `state = 'resolved' AND NOT resolution_published`,
})
@Check('alert_state_check', `state IN ('open', 'acknowledged', 'resolved')`)
@Check('alert_level_check', `level IN ('notice', 'warning', 'high', 'critical')`)
export class Alert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** kind|person|badge|quantity|period|episode: the identity a repeat shares. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  level: string;

  /** notice 1, warning 2, high 3, critical 4: levels compare by rank. */
  @Column({ name: 'level_rank', type: 'smallint' })
  levelRank: number;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'badge_serial', type: 'text', nullable: true })
  badgeSerial: string | null;

  @Column({ type: 'text', nullable: true })
  quantity: string | null;

  @Column({ type: 'text', nullable: true })
  period: string | null;

  @Column({ name: 'value_nsv', type: 'bigint', nullable: true, transformer: bigintTransformer })
  valueNsv: bigint | null;

  @Column({ name: 'limit_nsv', type: 'bigint', nullable: true, transformer: bigintTransformer })
  limitNsv: bigint | null;

  /** Free-form facts of the rule (dose rate, battery, missing seqs, ...). */
  @Column({ type: 'jsonb', nullable: true })
  detail: unknown;

  @Column({ type: 'text', default: 'open' })
  state: string;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledge_note', type: 'text', nullable: true })
  acknowledgeNote: string | null;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolve_note', type: 'text', nullable: true })
  resolveNote: string | null;

  /** Rank of the highest level published to MQTT (0: none yet). */
  @Column({ name: 'published_rank', type: 'smallint', default: 0 })
  publishedRank: number;

  /** The resolution was published (claimed for it); re-opening clears it. */
  @Column({ name: 'resolution_published', type: 'boolean', default: false })
  resolutionPublished: boolean;
}
