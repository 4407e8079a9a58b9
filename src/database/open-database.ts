import { loadOrCreateSecrets } from '../config/embedded-secrets.js';
import type { Settings } from '../config/settings.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

export interface OpenDatabase {
  url: string;
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

/** DATABASE_URL, or the embedded Postgres under DATA_DIR when it is unset. */
export async function openDatabase(settings: Settings): Promise<OpenDatabase> {
  if (settings.databaseUrl !== undefined) {
    const nothing = () => Promise.resolve();
    return {
      url: settings.databaseUrl,
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
  return {
    url: postgres.url,
    embedded: true,
    dataDir: postgres.dataDir,
    stop: () => postgres.stop(),
    kill: () => postgres.kill(),
    killNow: () => postgres.killNow(),
  };
}
