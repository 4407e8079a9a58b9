import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/**
 * Emitted after a transaction that changed people's counted dose or the limits it is held to
 * outside ingestion (held readings attributed, an assignment changed, a profile, limit or
 * pregnancy declared): alerts re-evaluate those people (DESIGN.md §6).
 */
export class DosesChangedEvent {
  static readonly eventName = 'doses.changed';

  constructor(
    readonly personIds: readonly string[],
    /**
     * Facility days, per person, whose dose changed besides today (a back-dated adjustment):
     * their quarters and years are re-evaluated too.
     */
    readonly days: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {}
}

const PENDING = 'dosesChangedFor';
const PENDING_DAYS = 'dosesChangedOn';

/**
 * Notes, inside a transaction, whose dose or limits it changes; announced once it commits.
 * `day` (YYYY-MM-DD): the facility day whose dose changed, when it may lie in an earlier period.
 */
export function markDosesChanged(
  manager: EntityManager,
  personIds: Iterable<string | null>,
  day?: string,
): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive)
    throw new Error('markDosesChanged must run inside a transaction');
  const pending = (runner.data[PENDING] ??= new Set<string>()) as Set<string>;
  const days = (runner.data[PENDING_DAYS] ??= new Map<string, string[]>()) as Map<string, string[]>;
  for (const id of personIds) {
    if (!id) continue;
    pending.add(id);
    if (day) days.set(id, [...(days.get(id) ?? []), day]);
  }
}

/** Turns the marks of a committed transaction into one DosesChangedEvent; drops them on rollback. */
@Injectable()
export class DosesChangedAnnouncer implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly events: EventEmitter2,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // Fired for savepoints too: only the outermost commit makes the change visible.
    if (event.queryRunner.isTransactionActive) return;
    const pending = event.queryRunner.data[PENDING] as Set<string> | undefined;
    const days = event.queryRunner.data[PENDING_DAYS] as Map<string, string[]> | undefined;
    delete event.queryRunner.data[PENDING];
    delete event.queryRunner.data[PENDING_DAYS];
    if (pending?.size)
      this.events.emit(DosesChangedEvent.eventName, new DosesChangedEvent([...pending], days));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    delete event.queryRunner.data[PENDING];
    delete event.queryRunner.data[PENDING_DAYS];
  }
}
