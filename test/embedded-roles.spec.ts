/**
 * DESIGN.md §1, §7: embedded mode sets its Postgres up like the compose one. Before, the
 * service logged in as the embedded server's bootstrap superuser (issue 30 item 2). Here an
 * embedded installation made that old way (the superuser ran the migrations and owns every
 * table) is opened as the service opens it: the tables go to the owner role, and the service
 * starts as a role that owns nothing and is no superuser, and works.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateSecrets } from '../src/config/embedded-secrets.js';
import { loadSettings } from '../src/config/settings.js';
import { EMBEDDED_OWNER_ROLE, EMBEDDED_SERVICE_ROLE } from '../src/database/database-roles.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { openDatabase, type OpenDatabase } from '../src/database/open-database.js';
import { migrateDatabase } from '../src/migrate.js';
import { startRsoSession, type RsoSession } from './support/rso-session.js';
import { createWorker } from './support/wearing.js';

const START_TIMEOUT_MS = 180_000;

describe('embedded Postgres roles (DESIGN.md §1, §7)', () => {
  let dataDir: string;
  let database: OpenDatabase | undefined;
  let session: RsoSession | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dose-embedded-roles-'));
    const secrets = await loadOrCreateSecrets(dataDir);
    const before = await EmbeddedPostgres.start(dataDir, secrets.postgresPassword);
    try {
      await migrateDatabase({ migrationUrl: before.url, serviceUrl: before.url });
    } finally {
      await before.stop();
    }
    database = await openDatabase(loadSettings({ DATA_DIR: dataDir }));
    session = await startRsoSession(
      {},
      { databaseUrl: database.url, databaseMigrationUrl: database.migrationUrl },
    );
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await session?.service.close();
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, START_TIMEOUT_MS);

  it('runs the service as a role that owns nothing and is no superuser', async () => {
    if (!session) throw new Error('no service');
    const [role] = await session.sql(
      `SELECT current_user AS name, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ name: EMBEDDED_SERVICE_ROLE, superuser: false });
    // Tables, their sequences and indexes, and the append-only triggers' functions.
    const owners = await session.sql(
      `SELECT DISTINCT relowner::regrole::text AS owner FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'i')
       UNION
       SELECT DISTINCT proowner::regrole::text FROM pg_proc
        WHERE pronamespace = 'public'::regnamespace AND prorettype = 'trigger'::regtype`,
    );
    expect(owners).toEqual([{ owner: EMBEDDED_OWNER_ROLE }]);
    const [owner] = await session.sql(`SELECT rolsuper FROM pg_roles WHERE rolname = $1`, [
      EMBEDDED_OWNER_ROLE,
    ]);
    expect(owner).toEqual({ rolsuper: false });

    await expect(session.sql(`SET session_replication_role = replica`)).rejects.toThrow(
      /permission denied to set parameter/,
    );
    await expect(session.sql(`COPY (SELECT 1) TO PROGRAM 'true'`)).rejects.toThrow(
      /external program/,
    );
    await expect(session.sql(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(
      /permission denied for table audit_log/,
    );

    const personId = await createWorker(session.rso, { name: 'Embedded Worker' });
    const audited = await session.sql(`SELECT action FROM audit_log WHERE entity_id = $1`, [
      personId,
    ]);
    expect(audited).toHaveLength(1);
  });
});
