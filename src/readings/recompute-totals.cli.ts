import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import { loadSettings } from '../config/settings.js';
import { dataSourceOptions } from '../data-source.js';
import { openDatabase } from '../database/open-database.js';
import { migrateDatabase } from '../migrate.js';
import { recomputeTotals } from './recompute-totals.js';

const USAGE = `Usage: npm run recompute-totals [-- --check]

Rebuilds every person's daily dose totals from the stored readings, badges and assignments
and the dose adjustments, and reports where they differ from the totals kept during ingestion.
  --check   only compare (read-only); exit code 1 if anything differs
Uses DATABASE_MIGRATION_URL (else DATABASE_URL), or the embedded database under DATA_DIR
(stop the service first).`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown[0]}\n\n${USAGE}`);
    return 2;
  }
  const check = args.includes('--check');
  const settings = loadSettings();
  const database = await openDatabase(settings);
  // An operator's tool, run like the migrations as the schema's owner: the rebuild locks the
  // append-only dose_adjustment table, which the service's role may not (service-grants.ts).
  const dataSource = new DataSource(dataSourceOptions(database.migrationUrl, 2));
  try {
    await migrateDatabase({ migrationUrl: database.migrationUrl, serviceUrl: database.url });
    await dataSource.initialize();
    const report = await recomputeTotals(dataSource, settings.facilityTz, !check);
    console.log(
      `${report.readings} readings, ${report.readingsChanged} with a different derived increment or wearer`,
    );
    for (const d of report.differences) {
      const mSv = nanosievertsToMillisieverts;
      console.log(
        `${d.personId} ${d.quantity} ${d.day}: kept ${mSv(d.storedNsv)} mSv ` +
          `(adjustments ${mSv(d.storedAdjustmentNsv)}), rebuilt ${mSv(d.recomputedNsv)} mSv ` +
          `(adjustments ${mSv(d.recomputedAdjustmentNsv)})`,
      );
    }
    console.log(
      report.differences.length === 0
        ? 'Totals match the readings and adjustments to the nSv.'
        : `${report.differences.length} daily totals differ${check ? '' : ' (replaced by the rebuild)'}.`,
    );
    return check && (report.differences.length > 0 || report.readingsChanged > 0) ? 1 : 0;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`recompute-totals failed: ${String(error)}`);
    process.exit(1);
  },
);
