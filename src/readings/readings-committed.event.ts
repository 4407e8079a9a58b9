import type { DoseDelta } from '../ledger/daily-totals.js';
import type { NewReadingRow } from './reading-writes.js';

/** Emitted after a batch of readings has committed; alerts listen (DESIGN.md §6). */
export class ReadingsCommittedEvent {
  static readonly eventName = 'readings.committed';

  constructor(
    readonly readings: readonly NewReadingRow[],
    readonly deltas: readonly DoseDelta[],
    /** When the batch's first message reached the service, for alert latency. */
    readonly receivedAt: number,
  ) {}
}
