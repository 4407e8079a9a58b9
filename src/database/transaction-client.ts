import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/** The node-postgres connection of the caller's transaction, for what TypeORM has no API for. */
export async function transactionClient(manager: EntityManager, what: string): Promise<PoolClient> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error(`${what} runs inside a transaction`);
  return (await runner.connect()) as PoolClient;
}
