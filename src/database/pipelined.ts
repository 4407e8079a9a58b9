import type { PoolClient, QueryResult } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { transactionClient } from './transaction-client.js';

/** A statement's rows, as node-postgres parsed them; each caller knows its columns. */
export type Rows = QueryResult<Record<string, unknown>>;

/** One parameterised statement. */
export interface Statement {
  text: string;
  values?: unknown[];
  /**
   * Sent as a prepared statement: each connection parses it once and, once Postgres settles
   * on a generic plan, no longer plans it either. Only for texts from a fixed set: every
   * distinct text keeps a name of its own for the life of the process.
   */
  prepare?: boolean;
}

/** Prepared statements' names by text, so one name never stands for two texts. */
const preparedNames = new Map<string, string>();

function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (name === undefined) {
    name = `prepared-${preparedNames.size + 1}`;
    preparedNames.set(text, name);
  }
  return name;
}

/**
 * Sends the statements together on the transaction's connection and returns their results in
 * order: one round trip instead of one each (node-postgres pipelining, node-postgres.com
 * /features/pipelining). Postgres still runs them one after the other, each with its own
 * snapshot, exactly as if sent singly: a lock taken by one holds before the next reads.
 * Under load each round trip of the ingestion transaction, however small its statement, costs
 * a wait of its own (bench/README.md, "Pipelined statements").
 * The first failure is thrown (the statements after it fail too: the transaction is aborted).
 */
export async function pipelined(
  manager: EntityManager,
  statements: readonly Statement[],
): Promise<Rows[]> {
  if (statements.length === 0) return [];
  return sendTogether(await transactionClient(manager, 'A pipeline'), statements);
}

/**
 * Reads sent together on one pooled connection, outside any transaction: one round trip for
 * all of them. Each statement runs in a snapshot of its own, as it would sent alone, so only
 * reads that need no common snapshot belong here: `GET /people/:id/exposure`'s three reads,
 * sent together instead of one after the other, answer sooner (bench/README.md, "Exposure
 * read").
 */
export async function pipelinedReads(
  dataSource: DataSource,
  statements: readonly Statement[],
): Promise<Rows[]> {
  if (statements.length === 0) return [];
  const runner = dataSource.createQueryRunner();
  try {
    return await sendTogether((await runner.connect()) as PoolClient, statements);
  } finally {
    await runner.release();
  }
}

/**
 * The statements in one round trip wherever the caller stands: pipelined inside the manager's
 * transaction, otherwise pipelinedReads (each statement then reads its own snapshot).
 */
export function pipelinedAnywhere(
  runner: EntityManager | DataSource,
  statements: readonly Statement[],
): Promise<Rows[]> {
  if (runner instanceof DataSource) return pipelinedReads(runner, statements);
  return runner.queryRunner?.isTransactionActive
    ? pipelined(runner, statements)
    : pipelinedReads(runner.connection, statements);
}

async function sendTogether(client: PoolClient, statements: readonly Statement[]): Promise<Rows[]> {
  // Pipelining is a node-postgres client option; COPY (copyRows) is refused on a pipelined
  // client, so the connection is switched for these statements only, and every one has
  // settled before it is switched back.
  const switchable = client as PoolClient & { pipeline: boolean };
  switchable.pipeline = true;
  let settled: PromiseSettledResult<Rows>[];
  try {
    settled = await Promise.allSettled(
      statements.map(({ text, values, prepare }) =>
        client.query<Record<string, unknown>>({
          text,
          values,
          name: prepare ? preparedName(text) : undefined,
        }),
      ),
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
