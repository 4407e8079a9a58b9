import { Logger } from '@nestjs/common';
import { isTransientDatabaseError } from '../database/transient-error.js';
import type { InboundMessage } from './inbound-message.js';

export interface BatcherOptions {
  /** Commits the messages' content in one transaction; throws if nothing was committed. */
  commit(messages: InboundMessage[]): Promise<void>;
  /** Called with a batch's messages once their content is committed. */
  acknowledge(messages: InboundMessage[]): void;
  /** Turns a message the database refuses into a rejection of its own (poison message). */
  quarantine(message: InboundMessage, error: unknown): InboundMessage;
  maxBatchItems: number;
  maxWaitMs: number;
  maxConcurrentCommits: number;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Groups inbound messages into transactions and acknowledges each only after its commit.
 * A failing commit is retried (transient errors, e.g. the database is down) until it
 * succeeds; a message the database refuses outright is isolated and stored as rejected,
 * so one bad message can never block the rest.
 */
export class IngestBatcher {
  private readonly logger = new Logger(IngestBatcher.name);
  private pending: InboundMessage[] = [];
  private pendingItems = 0;
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  /** The batches committing now, each in arrival order. */
  private readonly committing = new Set<readonly InboundMessage[]>();
  private stopped = false;

  constructor(private readonly options: BatcherOptions) {}

  /** Messages taken in and not yet acknowledged (pending or committing). */
  get backlog(): number {
    return this.pending.length + this.committingMessages;
  }
  private committingMessages = 0;

  /** When the oldest message taken in and not yet acknowledged arrived (epoch ms), if any. */
  get oldestUnacknowledgedAt(): number | undefined {
    const firsts = [this.pending[0], ...[...this.committing].map((batch) => batch[0])];
    const times = firsts.filter((m) => m !== undefined).map((m) => m.receivedAt);
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  add(message: InboundMessage): void {
    this.pending.push(message);
    this.pendingItems += Math.max(
      1,
      message.readings.length + message.exposures.length + message.rejections.length,
    );
    if (this.pendingItems >= this.options.maxBatchItems) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
  }

  /** Commits everything taken in so far; resolves when all of it is committed and acknowledged. */
  async drain(): Promise<void> {
    this.flush(true);
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
  }

  /** Stops retrying (shutdown without a database): unacknowledged messages come back from the broker. */
  abandon(): void {
    this.stopped = true;
  }

  private flush(force = false): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (
      this.pending.length > 0 &&
      (force || this.inFlight.size < this.options.maxConcurrentCommits)
    ) {
      const batch = this.pending;
      this.pending = [];
      this.pendingItems = 0;
      this.committingMessages += batch.length;
      this.committing.add(batch);
      const done = this.commitWithRetry(batch).finally(() => {
        this.committingMessages -= batch.length;
        this.committing.delete(batch);
        this.inFlight.delete(done);
        if (this.pending.length > 0 && this.inFlight.size < this.options.maxConcurrentCommits)
          this.flush();
      });
      this.inFlight.add(done);
    }
    if (this.pending.length > 0)
      this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
  }

  private async commitWithRetry(batch: InboundMessage[], quarantined = false): Promise<void> {
    let delay = RETRY_MIN_MS;
    while (!this.stopped) {
      try {
        await this.options.commit(batch);
        this.options.acknowledge(batch);
        return;
      } catch (error) {
        if (isTransientDatabaseError(error)) {
          this.logger.warn(
            `Commit of ${batch.length} messages failed (${String(error)}); retrying in ${delay} ms`,
          );
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(delay * 2, RETRY_MAX_MS);
        } else if (batch.length > 1) {
          for (const message of batch) await this.commitWithRetry([message]);
          return;
        } else if (!quarantined) {
          this.logger.warn(
            `Message on ${batch[0].topic} refused by the database (${String(error)}): rejected`,
          );
          return this.commitWithRetry([this.options.quarantine(batch[0], error)], true);
        } else {
          this.logger.error(
            `Could not store the rejection of a message on ${batch[0].topic}: ${String(error)}`,
          );
          return;
        }
      }
    }
  }
}
