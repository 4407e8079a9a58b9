import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { closePeriods } from '../src/ledger/period-closing.js';
import { monthStart } from '../src/calendar/days.js';

/** A fresh database for one benchmark run: on BENCH_DATABASE_URL's server, else embedded. */
export async function freshDatabase(): Promise<{
  url: string;
  where: string;
  drop(): Promise<void>;
}> {
  const base = process.env.BENCH_DATABASE_URL;
  if (base) {
    const name = `dose_bench_${Date.now()}`;
    await settle(base);
    await adminQuery(base, `CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      where: `BENCH_DATABASE_URL server, database ${name}`,
      drop: () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'dose-bench-pg-'));
  const postgres = await EmbeddedPostgres.start(dir, 'bench-password');
  return {
    url: postgres.url,
    where: 'embedded Postgres (temporary folder)',
    drop: async () => {
      await postgres.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A shared server may still be writing out an earlier run's history load (five million
 * readings of WAL, checkpointed over minutes) while this run measures. A checkpoint first,
 * where the role may take one, starts every run from a written-out server.
 */
export async function settle(url: string): Promise<void> {
  try {
    await adminQuery(url, 'CHECKPOINT');
  } catch (error) {
    console.error(`[bench] no checkpoint before the run: ${String(error)}`);
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Closes the months and years before this one over history loaded after the service closed
 * them at its start (with nothing to sum then), as a live service's PeriodCloser leaves a
 * history it saw being written: their totals taken afresh from the daily totals.
 */
export async function closeLoadedHistory(client: pg.Client): Promise<void> {
  await client.query('BEGIN');
  for (const table of [
    'dose_month_total',
    'dose_month_close',
    'dose_year_total',
    'dose_year_close',
  ])
    await client.query(`DELETE FROM ${table}`);
  await closePeriods(
    async <T>(statement: string, params?: unknown[]) =>
      (await client.query<T & pg.QueryResultRow>(statement, params)).rows,
    monthStart(new Date().toISOString().slice(0, 10), -1),
  );
  await client.query('COMMIT');
}
