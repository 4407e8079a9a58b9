import pg from 'pg';
import { plainArray, textArray, timestampArray } from '../src/database/array-literal.js';
import { testDatabaseUrl } from './support/test-env.js';

/** The literals go to Postgres as parameters: only Postgres can say they mean what we meant. */
describe('array literals, read back by Postgres', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
  });
  afterAll(() => client.end());

  const roundTrip = async (literal: string, type: string): Promise<unknown[]> =>
    (
      await client.query<{ v: unknown }>(`SELECT unnest($1::${type}[])::text AS v`, [literal])
    ).rows.map((row) => row.v);

  it('keeps any text, quotes, backslashes, braces, blanks and the word NULL included', async () => {
    const values = [
      'B-1',
      'a"b',
      'back\\slash',
      '{x,y}',
      ' spaced ',
      '',
      'NULL',
      'null',
      'é😀',
      null,
    ];
    expect(await roundTrip(textArray(values), 'text')).toEqual(values);
  });

  it('keeps bigints beyond 2^53, negatives, nulls and booleans', async () => {
    const big = [9_007_199_254_740_993n, -5n, 0n, null, undefined, 42n];
    expect(await roundTrip(plainArray(big), 'bigint')).toEqual([
      '9007199254740993',
      '-5',
      '0',
      null,
      null,
      '42',
    ]);
    expect(await roundTrip(plainArray([true, false, null]), 'boolean')).toEqual([
      'true',
      'false',
      null,
    ]);
  });

  it('keeps instants to the millisecond whatever the session time zone', async () => {
    await client.query(`SET TIME ZONE 'Asia/Kathmandu'`);
    const instants = [new Date('2026-03-29T01:59:59.999Z'), new Date('1999-12-31T23:00:00.001Z')];
    const rows = await client.query<{ ms: string }>(
      `SELECT (extract(epoch FROM t) * 1000)::bigint::text AS ms FROM unnest($1::timestamptz[]) AS t`,
      [timestampArray(instants)],
    );
    expect(rows.rows.map((row) => Number(row.ms))).toEqual(instants.map((at) => at.getTime()));
  });
});
