import pg from 'pg';

/**
 * Holds `LOCK TABLE <table> IN ACCESS EXCLUSIVE MODE` in an open transaction on a
 * connection of its own, so every transaction that touches the table (reads included)
 * waits and nothing the service does with it can commit until release().
 */
export class TableLock {
  private released = false;

  private constructor(
    private readonly client: pg.Client,
    readonly table: string,
  ) {}

  static async take(databaseUrl: string, table: string): Promise<TableLock> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'test-lock' });
    // The server may go while the lock is held (a test stopping it): queries and release() then
    // reject, and the client's own error event must not end the test run.
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`LOCK TABLE ${pg.escapeIdentifier(table)} IN ACCESS EXCLUSIVE MODE`);
    } catch (error) {
      await client.end();
      throw error;
    }
    return new TableLock(client, table);
  }

  get held(): boolean {
    return !this.released;
  }

  /** A query inside the locking transaction: the one session that can still read the table. */
  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }

  /** Other backends waiting for a lock on the table right now. */
  async waiters(): Promise<number> {
    const { rows } = await this.client.query<{ n: number }>(
      `SELECT count(DISTINCT pid)::int AS n FROM pg_locks
        WHERE relation = $1::regclass AND NOT granted AND pid <> pg_backend_pid()`,
      [this.table],
    );
    return rows[0].n;
  }

  /** Ends the transaction (it changed nothing) and the connection; safe to call twice. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      await this.client.query('ROLLBACK');
    } finally {
      await this.client.end();
    }
  }
}
