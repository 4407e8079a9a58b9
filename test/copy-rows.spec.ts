import { DataSource } from 'typeorm';
import { copyRows } from '../src/database/copy-rows.js';
import { testDatabaseUrl } from './support/test-env.js';

/** COPY's text format is escaped by hand: only Postgres can say the rows mean what we meant. */
describe('copyRows, read back by Postgres', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: testDatabaseUrl() });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  const createTable = `CREATE TEMP TABLE copied (t text, n bigint, b boolean NOT NULL) ON COMMIT DROP`;

  it('keeps tabs, newlines, backslashes, the text \\N, big numbers, booleans and nulls', async () => {
    const texts = [
      'B-1',
      'tab\there',
      'line\nbreak',
      'cr\rhere',
      'back\\slash',
      '\\N',
      'NULL',
      '',
      'é😀',
    ];
    const rows = texts.map((t, i) => [t, i === 0 ? 9_007_199_254_740_993n : i, i % 2 === 0]);
    const copied = await dataSource.transaction(async (manager) => {
      await manager.query(createTable);
      await copyRows(manager, 'copied', ['t', 'n', 'b'], [...rows, [null, undefined, false]]);
      return manager.query<{ t: string | null; n: string | null; b: boolean }[]>(
        `SELECT t, n::text AS n, b FROM copied`,
      );
    });
    expect(copied).toEqual([
      ...texts.map((t, i) => ({ t, n: i === 0 ? '9007199254740993' : String(i), b: i % 2 === 0 })),
      { t: null, n: null, b: false },
    ]);
  });

  it('fails the transaction when Postgres refuses a row, and refuses to run outside one', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(createTable);
        await copyRows(
          manager,
          'copied',
          ['t', 'n', 'b'],
          [
            ['ok', 1, true],
            ['no flag', 2, null],
          ],
        );
      }),
    ).rejects.toThrow(/null value in column "b"/);
    await expect(copyRows(dataSource.manager, 'copied', ['t'], [['x']])).rejects.toThrow(
      /inside a transaction/,
    );
  });
});
