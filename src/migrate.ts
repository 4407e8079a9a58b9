import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';
import { roleOf, type DatabaseRole } from './database/database-roles.js';
import { serviceGrants } from './database/service-grants.js';
import { LEDGER_TABLES_DELETED_FROM } from './ledger/ledger-tables.js';

/**
 * The tables the service deletes rows from: the ledger's totals it rebuilds or closes, a
 * person's limit set back to the default, a patient alert threshold the RSO removes, the
 * standings and seq gap candidates it replaces.
 * Its role may delete from no other (service-grants.ts); test/service-grants.spec.ts checks
 * this list against every DELETE in src/.
 */
export const TABLES_DELETED_FROM: readonly string[] = [
  ...LEDGER_TABLES_DELETED_FROM,
  'patient_alert_threshold',
  'person_limit',
  'person_standing',
  'seq_gap_candidate',
];

/**
 * Runs the pending migrations as the schema's owner (`migrationUrl`), then, when the service
 * logs in as another role (`serviceUrl`), grants that role what the service needs on every
 * table (src/database/service-grants.ts). Idempotent: the service runs it at every start,
 * `npm run migrate` on demand. Returns the service's role.
 */
export async function migrateDatabase(urls: {
  migrationUrl: string;
  serviceUrl: string;
}): Promise<DatabaseRole> {
  const service = await roleOf(urls.serviceUrl);
  const owner = new DataSource(dataSourceOptions(urls.migrationUrl, 1));
  await owner.initialize();
  try {
    await owner.runMigrations();
    const [{ name }] = await owner.query<{ name: string }[]>(`SELECT current_user AS name`);
    if (name !== service.name) {
      const role = owner.driver.escape(service.name);
      await owner.transaction(async (manager) => {
        for (const statement of serviceGrants(role, TABLES_DELETED_FROM))
          await manager.query(statement);
      });
    }
  } finally {
    await owner.destroy();
  }
  return service;
}
