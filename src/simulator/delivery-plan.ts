import type { Random } from './random.js';

/** One message to publish: its readings, and whether it repeats the message before it. */
export interface Delivery<T> {
  items: T[];
  duplicate: boolean;
}

export interface DeliveryPlanOptions {
  /** Readings per message: 1 publishes single objects, more publishes arrays. */
  batch: number;
  /** Fraction of messages published twice. */
  duplicates: number;
  /** Fraction of readings held back and published right after their successor. */
  outOfOrder: number;
  random: Random;
}

/**
 * Turns one badge's reading stream (in seq order) into the messages a flaky gateway would
 * send: some readings late (after their successor, DESIGN.md §3.1 "a late reading splits
 * its successor's increment"), some messages twice (a QoS 1 redelivery). Every reading is
 * delivered at least once, provided `flush()` is called at the end.
 */
export class DeliveryPlan<T> {
  /** Readings held back so far (the last one, if held, goes out at flush). */
  heldBack = 0;
  /** Messages sent a second time so far. */
  duplicatesSent = 0;
  private held: T[] = [];
  private pending: T[] = [];

  constructor(private readonly options: DeliveryPlanOptions) {
    if (!Number.isInteger(options.batch) || options.batch < 1) {
      throw new RangeError('batch must be an integer ≥ 1');
    }
  }

  /** The next reading of the stream; returns the messages now ready to go, in order. */
  push(item: T): Delivery<T>[] {
    let ready: T[];
    if (this.held.length > 0) {
      // At most one is held at a time, so a held reading always directly follows its successor.
      ready = [item, ...this.held];
      this.held = [];
    } else if (this.options.random.chance(this.options.outOfOrder)) {
      this.held = [item];
      this.heldBack++;
      ready = [];
    } else {
      ready = [item];
    }
    return this.batchUp(ready, false);
  }

  /** End of the stream: whatever is held back or waiting for a full batch. */
  flush(): Delivery<T>[] {
    const ready = this.held;
    this.held = [];
    return this.batchUp(ready, true);
  }

  private batchUp(ready: T[], final: boolean): Delivery<T>[] {
    this.pending.push(...ready);
    const out: Delivery<T>[] = [];
    const { batch } = this.options;
    while (this.pending.length >= batch || (final && this.pending.length > 0)) {
      const items = this.pending.splice(0, batch);
      out.push({ items, duplicate: false });
      if (this.options.random.chance(this.options.duplicates)) {
        out.push({ items, duplicate: true });
        this.duplicatesSent++;
      }
    }
    return out;
  }
}
