import pg from 'pg';
import type { DataSource } from 'typeorm';

/** The first wait before connecting again, doubled up to the last. */
const RETRY_FIRST_MS = 500;
const RETRY_LAST_MS = 15_000;

export interface NotificationHandlers {
  /** A NOTIFY on the channel, with its payload. */
  notified(payload: string): void;
  /**
   * Listening began (true) or stopped (false). While it is stopped notifications are lost, so
   * whatever relies on them must not trust what it cached; after it began again, nothing sent
   * meanwhile will arrive.
   */
  listening(on: boolean): void;
  /** A connection failure, for the log; listening resumes by itself. */
  failed(error: Error): void;
}

/**
 * LISTENs to a Postgres channel on a connection of its own (a pooled one would be handed to
 * queries), with the pool's own connection settings, and connects again after a loss. NOTIFY
 * is delivered at the sender's commit, to every session listening: every replica hears it.
 */
export class ChannelListener {
  private client?: pg.Client;
  private stopped = false;
  private retryMs = RETRY_FIRST_MS;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
  ) {}

  /** Resolves once listening, or after the first failure (it keeps trying). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let client: pg.Client;
    try {
      // TypeORM's pool (PostgresDriver.master) holds the settings it connects with.
      const pool = (this.dataSource.driver as unknown as { master: { options: pg.ClientConfig } })
        .master;
      client = new pg.Client(pool.options);
    } catch (error) {
      // Not even a client (the pool is gone): nothing to listen with until stop().
      this.handlers.failed(error as Error);
      return;
    }
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload)
        this.handlers.notified(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
      this.retryMs = RETRY_FIRST_MS;
      if (this.client === client) this.handlers.listening(true);
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.handlers.listening(false);
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.handlers.failed(error);
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_LAST_MS);
  }
}
