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

  constructor(readonly personIds: readonly string[]) {}
}

const PENDING = 'dosesChangedFor';

/** Notes, inside a transaction, whose dose or limits it changes; announced once it commits. */
export function markDosesChanged(manager: EntityManager, personIds: Iterable<string | null>): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive)
    throw new Error('markDosesChanged must run inside a transaction');
  const pending = (runner.data[PENDING] ??= new Set<string>()) as Set<string>;
  for (const id of personIds) if (id) pending.add(id);
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
    delete event.queryRunner.data[PENDING];
    if (pending?.size)
      this.events.emit(DosesChangedEvent.eventName, new DosesChangedEvent([...pending]));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data[PENDING];
  }
}
