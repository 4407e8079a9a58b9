import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/data-source.js';
import { recomputeTotals } from '../src/readings/recompute-totals.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';

const DAY = '2026-03-02';

/**
 * Migration WorkerDoseRules on a database kept under the rules before it (issue 27): an `eu`
 * worker with a trunk and a collar badge, counted with the old coefficient 1 for the badge
 * under the apron. Trunk Hp(10) 1 000 µSv, collar Hp(10) 2 000 µSv, one reading each.
 * Hand-computed: before, E = 1 × 1000 + 0.06 × 2000 = 1 120 µSv; under Niklason
 * (0.94 H_u + 0.06 H_o) E = 940 + 120 = 1 060 µSv. The migration keeps what it cannot know
 * (no apron flag, no side), `recompute-totals --check` shows the effective total to change,
 * and the rebuild leaves nothing for a second check to find.
 */
describe('upgrading to the worker dose rules', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    scratch = await createScratchDatabase('dose_rules_upgrade');
    dataSource = new DataSource(dataSourceOptions(scratch.url));
    await dataSource.initialize();
    await dataSource.runMigrations();
    // Back to the schema before WorkerDoseRules, and every migration after it.
    const names = dataSource.migrations.map((migration) => migration.name);
    const from = names.findIndex((name) => name?.startsWith('WorkerDoseRules'));
    for (let i = from; i < names.length; i++) await dataSource.undoLastMigration();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await scratch.drop();
  });

  it('keeps what nobody recorded, and recompute-totals rebuilds under the new rules', async () => {
    const person = randomUUID();
    const [trunk, collar] = ['UP-TR', 'UP-CO'];
    const sql = (text: string, values: unknown[] = []) => dataSource.query(text, values);
    await sql(
      `INSERT INTO person (id, kind, name, profile, category) VALUES ($1, 'worker', 'Una Upgrade', 'eu', 'adult')`,
      [person],
    );
    for (const [serial, location] of [
      [trunk, 'trunk'],
      [collar, 'collar'],
    ]) {
      await sql(`INSERT INTO badge (serial, body_location) VALUES ($1, $2)`, [serial, location]);
      await sql(
        `INSERT INTO badge_assignment (badge_serial, person_id, valid_from) VALUES ($1, $2, '2026-01-01T00:00:00Z')`,
        [serial, person],
      );
    }
    const reading = `INSERT INTO reading (badge_serial, seq, measured_at, hp10_nsv, inc_hp10_nsv, person_id, effective_nsv)
                     VALUES ($1, 1, '${DAY}T10:00:00Z', $2, $2, $3, $4)`;
    await sql(reading, [trunk, 1_000_000, person, 1_000_000]); // 1 × 1000 µSv
    await sql(reading, [collar, 2_000_000, person, 120_000]); // 0.06 × 2000 µSv
    await sql(
      `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv) VALUES ($1, 'effective', $2, 1120000)`,
      [person, DAY],
    );

    await dataSource.runMigrations();
    expect(
      await sql(
        `SELECT profile, two_badge_algorithm, collar_only_factor::text AS factor FROM dose_profile ORDER BY 1`,
      ),
    ).toEqual([
      { profile: 'eu', two_badge_algorithm: 'niklason', factor: '1' },
      { profile: 'us-nrc', two_badge_algorithm: 'webster', factor: '0.3' },
    ]);
    expect(await sql(`SELECT apron FROM badge_assignment WHERE person_id = $1`, [person])).toEqual([
      { apron: null },
      { apron: null },
    ]);
    expect(await sql(`SELECT side FROM badge WHERE serial = ANY($1)`, [[trunk, collar]])).toEqual([
      { side: null },
      { side: null },
    ]);

    const check = await recomputeTotals(dataSource, 'UTC', false);
    expect(check.readingsChanged).toBe(1); // the trunk reading: 1 000 → 940 µSv
    expect(check.differences).toEqual([
      expect.objectContaining({
        personId: person,
        quantity: 'effective',
        day: DAY,
        storedNsv: 1_120_000n,
        recomputedNsv: 1_060_000n,
      }),
    ]);
    await recomputeTotals(dataSource, 'UTC', true);
    expect(await recomputeTotals(dataSource, 'UTC', false)).toMatchObject({
      readingsChanged: 0,
      differences: [],
    });
    expect(
      await sql(`SELECT quantity, dose_nsv::text AS nsv FROM daily_dose WHERE person_id = $1`, [
        person,
      ]),
    ).toEqual([{ quantity: 'effective', nsv: '1060000' }]);
  });
});
