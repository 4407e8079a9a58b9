import { DataSource } from 'typeorm';
import { copyRows } from '../src/database/copy-rows.js';
import { pipelined } from '../src/database/pipelined.js';
import { testDatabaseUrl } from './support/test-env.js';

/** Statements sent together must behave as if sent one by one, on a connection left as it was. */
describe('pipelined statements, against Postgres', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: testDatabaseUrl(), poolSize: 1 });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  const createTable = `CREATE TEMP TABLE piped (n bigint PRIMARY KEY) ON COMMIT DROP`;

  it('runs them in order, each seeing the ones before, and returns their results in order', async () => {
    const results = await dataSource.transaction(async (manager) => {
      await manager.query(createTable);
      return pipelined(manager, [
        { text: 'INSERT INTO piped SELECT * FROM unnest($1::bigint[])', values: ['{1,2,3}'] },
        { text: 'SELECT count(*)::int AS count FROM piped' },
        { text: 'DELETE FROM piped WHERE n > $1', values: [1] },
        { text: 'SELECT array_agg(n)::text AS left FROM piped' },
      ]);
    });
    expect(results.map((result) => result.rowCount)).toEqual([3, 1, 2, 1]);
    expect(results[1].rows).toEqual([{ count: 3 }]);
    expect(results[3].rows).toEqual([{ left: '{1}' }]);
  });

  it('throws the first failure, and leaves the connection fit for COPY and the next transaction', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(createTable);
        await pipelined(manager, [
          { text: 'INSERT INTO piped VALUES (1)' },
          { text: 'INSERT INTO piped VALUES (1)' }, // the failure
          { text: 'SELECT 1 / 0' }, // refused as well: the transaction is aborted by then
        ]);
      }),
    ).rejects.toThrow(/duplicate key value/);
    // The pool's one connection, after the pipeline: COPY is refused on a pipelined client.
    const copied = await dataSource.transaction(async (manager) => {
      await manager.query(createTable);
      await pipelined(manager, [{ text: 'INSERT INTO piped VALUES (7)' }]);
      await copyRows(manager, 'piped', ['n'], [[8], [9]]);
      return manager.query<{ n: string }[]>('SELECT n::text FROM piped ORDER BY n');
    });
    expect(copied).toEqual([{ n: '7' }, { n: '8' }, { n: '9' }]);
  });

  it('refuses to run outside a transaction', async () => {
    await expect(pipelined(dataSource.manager, [{ text: 'SELECT 1' }])).rejects.toThrow(
      /inside a transaction/,
    );
  });
});
