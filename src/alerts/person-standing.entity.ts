import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../common/bigint.transformer.js';
import { Person } from '../people/person.entity.js';

/**
 * Each person's largest fraction of any limit that applies to them, as of `asOfDay`: what the
 * dashboard ranks by (DESIGN.md §8). Written by the dose rules whenever the person's dose or
 * limits change, and refreshed daily by the schedule (rolling windows slide, years turn), so
 * the dashboard reads one table instead of summing everyone's history per request. No index
 * on `fraction`: rewritten several times a second, the row is updated in place only without
 * one (migration InPlaceUpdates); the dashboard sorts one row per person.
 */
@Entity({ name: 'person_standing' })
export class PersonStanding {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'person_standing_person_fk' })
  person?: Person;

  @Column({ type: 'double precision' })
  fraction: number;

  @Column({ type: 'text' })
  quantity: string;

  /** The limit's period: year, 5years or pregnancy. */
  @Column({ type: 'text' })
  period: string;

  @Column({ name: 'value_nsv', type: 'bigint', transformer: bigintTransformer })
  valueNsv: bigint;

  @Column({ name: 'limit_nsv', type: 'bigint', transformer: bigintTransformer })
  limitNsv: bigint;

  @Column({ name: 'as_of_day', type: 'date' })
  asOfDay: string;
}
