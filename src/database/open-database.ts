import { loadOrCreateSecrets } from '../config/embedded-secrets.js';
import type { Settings } from '../config/settings.js';
import { setUpEmbeddedRoles } from './database-roles.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

export interface OpenDatabase {
  /** The service's role, which owns nothing (DESIGN.md §7). */
  url: string;
  /** The schema owner's, for migrations and the operator's tools; `url` when there is no other. */
  migrationUrl: string;
  embedded: boolean;
  /** Where the embedded data lives (embedded only). */
  dataDir?: string;
  /** Fast shutdown of the embedded server; resolves once it has exited. */
  stop(): Promise<void>;
  /** Immediate shutdown of the embedded server, for a service that must exit now. */
  kill(): Promise<void>;
  /** SIGKILL to the embedded server, just before the service exits. */
  killNow(): void;
}

/**
 * DATABASE_URL (and DATABASE_MIGRATION_URL), or the embedded Postgres under DATA_DIR when it
 * is unset, with its owner and service roles set up.
 */
export async function openDatabase(settings: Settings): Promise<OpenDatabase> {
  if (settings.databaseUrl !== undefined) {
    const nothing = () => Promise.resolve();
    return {
      url: settings.databaseUrl,
      migrationUrl: settings.databaseMigrationUrl ?? settings.databaseUrl,
      embedded: false,
      stop: nothing,
      kill: nothing,
      killNow: () => undefined,
    };
  }
  const secrets = await loadOrCreateSecrets(settings.dataDir);
  const postgres = await EmbeddedPostgres.start(settings.dataDir, secrets.postgresPassword, {
    ownProcessGroup: true,
  });
  try {
    const roles = await setUpEmbeddedRoles(postgres.url, secrets.postgresPassword);
    return {
      url: roles.serviceUrl,
      migrationUrl: roles.ownerUrl,
      embedded: true,
      dataDir: postgres.dataDir,
      stop: () => postgres.stop(),
      kill: () => postgres.kill(),
      killNow: () => postgres.killNow(),
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
