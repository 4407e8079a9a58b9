import { loadOrCreateSecrets } from '../config/embedded-secrets.js';
import type { Settings } from '../config/settings.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** Where the embedded data lives (embedded only). */
  dataDir?: string;
  stop(): Promise<void>;
}

/** DATABASE_URL, or the embedded Postgres under DATA_DIR when it is unset. */
export async function openDatabase(settings: Settings): Promise<OpenDatabase> {
  if (settings.databaseUrl !== undefined) {
    return { url: settings.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  }
  const secrets = await loadOrCreateSecrets(settings.dataDir);
  const postgres = await EmbeddedPostgres.start(settings.dataDir, secrets.postgresPassword);
  return {
    url: postgres.url,
    embedded: true,
    dataDir: postgres.dataDir,
    stop: () => postgres.stop(),
  };
}
