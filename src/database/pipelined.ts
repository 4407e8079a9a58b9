import type { PoolClient, QueryResult } from 'pg';
import type { EntityManager } from 'typeorm';
import { transactionClient } from './transaction-client.js';

/** A statement's rows, as node-postgres parsed them; each caller knows its columns. */
export type Rows = QueryResult<Record<string, unknown>>;

/** One parameterised statement. */
export interface Statement {
  text: string;
  values?: unknown[];
}

/**
 * Sends the statements together on the transaction's connection and returns their results in
 * order: one round trip instead of one each (node-postgres pipelining, node-postgres.com
 * /features/pipelining). Postgres still runs them one after the other, each with its own
 * snapshot, exactly as if sent singly: a lock taken by one holds before the next reads.
 * Issue 6: at half the benchmark's ingest rate every statement of the ingestion transaction,
 * however small, cost ~5 ms of waiting (BEGIN alone 5.5 ms), and a commit ~100 ms.
 * The first failure is thrown (the statements after it fail too: the transaction is aborted).
 */
export async function pipelined(
  manager: EntityManager,
  statements: readonly Statement[],
): Promise<Rows[]> {
  if (statements.length === 0) return [];
  const client = await transactionClient(manager, 'A pipeline');
  // Pipelining is a node-postgres client option; COPY (copyRows) is refused on a pipelined
  // client, so the transaction's connection is switched for these statements only, and every
  // one has settled before it is switched back.
  const switchable = client as PoolClient & { pipeline: boolean };
  switchable.pipeline = true;
  let settled: PromiseSettledResult<Rows>[];
  try {
    settled = await Promise.allSettled(
      statements.map((s) => client.query<Record<string, unknown>>(s.text, s.values)),
    );
  } finally {
    switchable.pipeline = false;
  }
  const results: Rows[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    results.push(outcome.value);
  }
  return results;
}
