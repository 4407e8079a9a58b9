import { DataSource } from 'typeorm';
import { addDays, FIRST_DAY, LAST_DAY, monthStart } from '../src/calendar/days.js';
import type { DayRange } from '../src/calendar/periods.js';
import { QUANTITIES } from '../src/common/quantities.js';
import { dataSourceOptions } from '../src/data-source.js';
import { addToDailyTotals, type DoseDelta } from '../src/ledger/daily-totals.js';
import { closePeriods, closedPeriodDifferences, sqlOf } from '../src/ledger/period-closing.js';
import { sumPeriods } from '../src/ledger/period-sums.js';
import { runSeed } from './support/random.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';

/**
 * The ledger's period sums against the increments it was given, on a real Postgres: random
 * increments and decreases for a few people over seven years, written through the ledger's
 * own write (as ingestion and adjustments write them), in batches between which months and
 * years are closed, so that later increments land in closed months and years; then random
 * periods, asked on random days, must sum to exactly the increments of their days, for every
 * person and quantity. The seed is random and shown in a failure (TEST_SEED replays it).
 */
describe('ledger period sums, randomized', () => {
  const { seed, random } = runSeed();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const randomDay = (from: string, days: number) => addDays(from, Math.floor(random() * days));
  const START = '2020-01-01';
  const SPAN_DAYS = 7 * 366;
  const TODAY = addDays(START, SPAN_DAYS - 1);

  let database: ScratchDatabase;
  let dataSource: DataSource;
  const people: string[] = [];
  /** Every increment written, as given: person, quantity, facility day, nSv. */
  const written: { personId: string; quantity: string; day: string; nsv: bigint }[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase('ledger_sums');
    dataSource = new DataSource(dataSourceOptions(database.url, 2));
    await dataSource.initialize();
    await dataSource.runMigrations();
    for (let i = 0; i < 3; i++) {
      const [row] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO person (kind, name) VALUES ('worker', $1) RETURNING id`,
        [`Random ${i}`],
      );
      people.push(row.id);
    }
    // Eight batches; before each after the first, months and years through a random month
    // are closed, never back (closing only moves forward).
    let closedThrough = monthStart(START, 3);
    for (let batch = 0; batch < 8; batch++) {
      if (batch > 0) {
        closedThrough = monthStart(randomDay(closedThrough, 300), 0);
        if (closedThrough >= monthStart(TODAY)) closedThrough = monthStart(TODAY, -1);
        await dataSource.transaction((manager) => closePeriods(sqlOf(manager), closedThrough));
      }
      const deltas: DoseDelta[] = [];
      for (let n = 0; n < 400; n++) {
        const personId = pick(people);
        const quantity = pick(QUANTITIES);
        const day = randomDay(START, SPAN_DAYS);
        const nsv = BigInt(1 + Math.floor(random() * 5_000_000));
        deltas.push({ personId, quantity, at: new Date(`${day}T12:00:00Z`), nsv });
        written.push({ personId, quantity, day, nsv });
        // Now and then part of it is taken back again, as a late reading splits a counted
        // increment: a decrease of a total that exists.
        if (random() < 0.1) {
          const back = -BigInt(Math.floor(random() * Number(nsv)));
          deltas.push({ personId, quantity, at: new Date(`${day}T13:00:00Z`), nsv: back });
          written.push({ personId, quantity, day, nsv: back });
        }
      }
      await dataSource.transaction((manager) => addToDailyTotals(manager, deltas, 'UTC'));
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const sumWritten = (personId: string, quantity: string, { first, last }: DayRange) =>
    written
      .filter((w) => w.personId === personId && w.quantity === quantity)
      .filter((w) => w.day >= first && w.day <= last)
      .reduce((total, w) => total + w.nsv, 0n);

  it('keeps the closed months and years equal to their days', async () => {
    expect({ seed, differences: await closedPeriodDifferences(sqlOf(dataSource.manager)) }).toEqual(
      { seed, differences: [] },
    );
  });

  it('sums any period of any person and quantity to the increments of its days', async () => {
    let checked = 0;
    for (let round = 0; round < 6; round++) {
      const asOfDay = randomDay(START, SPAN_DAYS);
      const periods = new Map<string, DayRange>();
      for (let p = 0; p < 25; p++) {
        const first = random() < 0.1 ? FIRST_DAY : randomDay(addDays(START, -40), SPAN_DAYS);
        const last = random() < 0.15 ? LAST_DAY : randomDay(first, SPAN_DAYS);
        periods.set(`p${p}`, { first, last });
      }
      const sums = await sumPeriods(
        dataSource,
        people.map((personId) => ({ personId, periods })),
        asOfDay,
      );
      for (const personId of people)
        for (const quantity of QUANTITIES)
          for (const [name, range] of periods) {
            const expected = sumWritten(personId, quantity, range);
            expect({ seed, asOfDay, range, nsv: sums.of(personId, name, quantity) }).toEqual({
              seed,
              asOfDay,
              range,
              nsv: expected,
            });
            checked += expected === 0n ? 0 : 1;
          }
    }
    // Most periods hold dose: the comparison is not between zeros.
    expect(checked).toBeGreaterThan(1_000);
  });
});
