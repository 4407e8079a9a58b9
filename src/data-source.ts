import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../migrations/index.js';
import { entities } from './entities.js';

/**
 * The one description of the database, shared by the app and the TypeORM CLI.
 * Migrations are the schema's only author: `synchronize` stays off everywhere.
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // gen_random_uuid() is built into Postgres 13+, so no extension is needed.
    uuidExtension: 'pgcrypto',
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: {
      max: poolSize,
      application_name: 'dose-service',
      // No JIT: our statements are short and many, and the planner's cost estimates for the
      // ingestion reads (correlated lookups per badge) pass jit_above_cost, so Postgres spent
      // longer compiling such a statement than running it (bench/README.md, "Postgres write
      // path").
      options: '-c jit=off',
    },
  };
}

/**
 * For the TypeORM CLI (`npm run migration:*`): the schema's owner, DATABASE_MIGRATION_URL, else
 * DATABASE_URL. It grants the service's role nothing: `npm run migrate`, or the service's
 * next start, does (src/migrate.ts).
 */
export default new DataSource(
  dataSourceOptions(
    process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || 'postgres://unset',
  ),
);
