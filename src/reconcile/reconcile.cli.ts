import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadSettings } from '../config/settings.js';
import { dataSourceOptions } from '../data-source.js';
import { openDatabase } from '../database/open-database.js';
import { migrateDatabase } from '../migrate.js';
import { reconcile } from './reconcile.js';

const USAGE = `Usage: npm run reconcile

Checks every badge for sequence gaps (and each gap for its seqGap alert), every daily total
against its readings and dose adjustments, every prior dose and dose estimate against the
adjustments that book it, and every dose alert of the current periods against its rule;
prints each discrepancy and exits 1 if any.
Uses DATABASE_MIGRATION_URL (else DATABASE_URL), or the embedded database under DATA_DIR
(stop the service first).`;

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const settings = loadSettings();
  const database = await openDatabase(settings);
  // An operator's tool, run as the schema's owner like recompute-totals.
  const dataSource = new DataSource(dataSourceOptions(database.migrationUrl, 2));
  try {
    await migrateDatabase({ migrationUrl: database.migrationUrl, serviceUrl: database.url });
    await dataSource.initialize();
    const found = await reconcile(dataSource, settings.facilityTz);
    for (const d of found) console.log(`${d.check}\t${d.subject}\t${d.detail}`);
    console.log(found.length === 0 ? 'No discrepancies.' : `${found.length} discrepancies.`);
    return found.length === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`reconcile failed: ${String(error)}`);
    process.exit(2);
  },
);
