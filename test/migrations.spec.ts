import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/data-source.js';
import { createScratchDatabase } from './support/scratch-database.js';

/** Every migration applies, reverts with its `down`, and applies again; the schema matches the entities. */
describe('migrations', () => {
  it('run up, all the way down, and up again, leaving no drift from the entities', async () => {
    const scratch = await createScratchDatabase('migrations');
    const dataSource = new DataSource(dataSourceOptions(scratch.url));
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBe(dataSource.migrations.length);
      expect(applied.length).toBeGreaterThan(0);
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration'`,
      );
      expect(tables).toEqual([]);
      await dataSource.runMigrations();
      const drift = await dataSource.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await scratch.drop();
    }
  });
});

describe('migrations/index.ts', () => {
  it('lists every migration file in the folder, in timestamp order', async () => {
    const { readdir } = await import('node:fs/promises');
    const { migrations } = await import('../migrations/index.js');
    const files = (await readdir(new URL('../migrations', import.meta.url)))
      .filter((file) => /^\d+-.+\.ts$/.test(file))
      .sort();
    const listed = migrations.map((migration) => {
      const name = migration.name;
      return Number(/(\d+)$/.exec(name)?.[1]);
    });
    expect(listed).toEqual(files.map((file) => Number(file.split('-')[0])));
  });
});
