import 'reflect-metadata';
import { loadSettings } from '../config/settings.js';
import { migrateDatabase } from '../migrate.js';
import { openDatabase } from './open-database.js';

const USAGE = `Usage: npm run migrate

Runs the pending migrations as the schema's owner (DATABASE_MIGRATION_URL, else DATABASE_URL)
and grants DATABASE_URL's role what the service needs on every table. The service does the
same at every start; this is for installations that migrate once before starting replicas.
Uses the embedded database under DATA_DIR when DATABASE_URL is unset (stop the service first).`;

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const database = await openDatabase(loadSettings());
  try {
    const service = await migrateDatabase({
      migrationUrl: database.migrationUrl,
      serviceUrl: database.url,
    });
    console.log(`Migrated; the service logs in as ${service.name}.`);
    return 0;
  } finally {
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migrate failed: ${String(error)}`);
    process.exit(1);
  },
);
