/**
 * DESIGN.md §7, issue 30 item 2: the service's database role was a superuser, so
 * `SET session_replication_role = replica` switched the audit log's append-only trigger off
 * and an UPDATE rewrote an entry, and `COPY ... TO PROGRAM` ran a shell command on the
 * database server. Now the service logs in as a role that owns nothing and is no superuser,
 * and migrations run as the schema's owner.
 *
 * The roles are made by docker/postgres/init-roles.sh (what the compose Postgres runs on its
 * first start), with names of this run, on a database of this test's own. The migrations run
 * as the owner; the service starts on the service role and does its everyday work; then, as
 * that role, every step of the attack is refused and the audit log is as the service wrote it.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MqttClient } from 'mqtt';
import pg from 'pg';
import { migrateDatabase } from '../src/migrate.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { iso, startRsoSession, type RsoSession } from './support/rso-session.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { testDatabaseUrl } from './support/test-env.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const INIT_ROLES = fileURLToPath(new URL('../docker/postgres/init-roles.sh', import.meta.url));
const MINUTE = 60_000;
const id = randomUUID().slice(0, 8);
const OWNER = `dose_test_owner_${id}`;
const SERVICE = `dose_test_service_${id}`;
const passwords = {
  [OWNER]: randomBytes(18).toString('hex'),
  [SERVICE]: randomBytes(18).toString('hex'),
};

/** The scratch database's URL as `role`. */
function urlAs(scratch: ScratchDatabase, role: string): string {
  const url = new URL(scratch.url);
  url.username = role;
  url.password = passwords[role];
  return url.toString();
}

/** docker/postgres/init-roles.sh as the postgres image runs it, as the run's superuser. */
async function runInitRoles(scratch: ScratchDatabase): Promise<void> {
  const url = new URL(scratch.url);
  await promisify(execFile)('bash', [INIT_ROLES], {
    env: {
      ...process.env,
      POSTGRES_USER: decodeURIComponent(url.username) || userInfo().username,
      POSTGRES_DB: decodeURIComponent(url.pathname.slice(1)),
      PGHOST: url.hostname,
      PGPORT: url.port || '5432',
      PGPASSWORD: decodeURIComponent(url.password),
      DOSE_OWNER_ROLE: OWNER,
      DOSE_SERVICE_ROLE: SERVICE,
      DOSE_OWNER_PASSWORD: passwords[OWNER],
      DOSE_SERVICE_PASSWORD: passwords[SERVICE],
    },
  });
}

async function asSuperuser<T extends pg.QueryResultRow>(
  scratch: ScratchDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('the service database role (DESIGN.md §7)', () => {
  let scratch: ScratchDatabase;
  let session: RsoSession;
  let device: MqttClient;
  /** The service's role, outside the app: the attacker's SQL session. */
  let attacker: pg.Client;
  let oldMonthPersonId: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase(`roles_${id}`);
    await runInitRoles(scratch);
    const ownerUrl = urlAs(scratch, OWNER);
    const serviceUrl = urlAs(scratch, SERVICE);
    await migrateDatabase({ migrationUrl: ownerUrl, serviceUrl });
    // A dose of two months ago, so the start's closing of ended months has something to sum.
    [{ id: oldMonthPersonId }] = await asSuperuser<{ id: string }>(
      scratch,
      `INSERT INTO person (kind, name) VALUES ('worker', 'Old Dose') RETURNING id`,
    );
    await asSuperuser(
      scratch,
      `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv)
       VALUES ($1, 'effective', date_trunc('month', now() - interval '2 months')::date, 1000)`,
      [oldMonthPersonId],
    );
    session = await startRsoSession(
      {},
      { databaseUrl: serviceUrl, databaseMigrationUrl: ownerUrl },
    );
    device = await connectPublisher();
    attacker = new pg.Client({ connectionString: serviceUrl });
    await attacker.connect();
  });

  afterAll(async () => {
    await attacker?.end();
    await device?.endAsync();
    await session?.service.close();
    await scratch?.drop();
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${OWNER}, ${SERVICE}`);
    await admin.end();
  });

  it('does the everyday work as a role that owns nothing and is no superuser', async () => {
    const [role] = await session.sql(
      `SELECT current_user AS name, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ name: SERVICE, superuser: false });
    const owners = await session.sql(
      `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(owners).toEqual([{ owner: OWNER }]);

    // People, badges and assignments (each audited), readings by MQTT (COPY, daily totals,
    // alert rules), a dose adjustment, and at start the closing of ended months (LOCK TABLE).
    const { rso, service } = session;
    const personId = await createWorker(rso, { name: 'Least Privilege' });
    const start = Date.now() - 30 * MINUTE;
    const serial = await wearBadge(rso, personId, 'trunk', iso(start - MINUTE));
    // Hp(10) registers 0 then 3000 µSv: 3 mSv effective, 15 % of the EU 20 mSv year limit.
    await publishReadings(service, device, serial, [
      { seq: 1, measuredAt: iso(start), hp10: 0 },
      { seq: 2, measuredAt: iso(start + MINUTE), hp10: 3000 },
    ]);
    const adjusted = await rso.post(`/api/v1/people/${personId}/adjustments`, {
      quantity: 'effective',
      doseMSv: 1.5,
      date: iso(start).slice(0, 10),
      reason: 'least privilege test',
    });
    expect(adjusted.status).toBe(201);
    const exposure = await rso.get(`/api/v1/people/${personId}/exposure`);
    expect(exposure.body.quantities.effective.year).toBe(4.5);
    const audited = await session.sql(
      `SELECT DISTINCT entity FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY 1`,
      [personId, serial],
    );
    expect(audited.map((row) => row.entity)).toEqual(['badge', 'person']);
    const closed = await session.sql(
      `SELECT dose_nsv::text AS nsv FROM dose_month_total WHERE person_id = $1`,
      [oldMonthPersonId],
    );
    expect(closed).toEqual([{ nsv: '1000' }]);
  });

  it('grants the audit log, dose adjustments and patient events for reading and appending only', async () => {
    const { rows } = await attacker.query<{ table: string; privileges: string }>(
      `SELECT table_name AS table, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
         FROM information_schema.role_table_grants
        WHERE grantee = current_user
          AND table_name IN ('audit_log', 'dose_adjustment', 'patient_exposure', 'daily_dose')
        GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { table: 'audit_log', privileges: 'INSERT,SELECT' },
      { table: 'daily_dose', privileges: 'DELETE,INSERT,SELECT,UPDATE' },
      { table: 'dose_adjustment', privileges: 'INSERT,SELECT' },
      { table: 'patient_exposure', privileges: 'INSERT,SELECT' },
    ]);
  });

  it('refuses, as the service role, every step of the attack that worked as a superuser', async () => {
    const auditLog = () =>
      asSuperuser(scratch, `SELECT id, action, entity, entity_id FROM audit_log ORDER BY id`);
    const before = await auditLog();
    expect(before.length).toBeGreaterThan(0);

    // The attack as the superuser the service used to be: the trigger is bypassed.
    const superuser = new pg.Client({ connectionString: scratch.url });
    await superuser.connect();
    try {
      await superuser.query('BEGIN');
      await superuser.query(`SET LOCAL session_replication_role = replica`);
      const forged = await superuser.query(`UPDATE audit_log SET action = 'forged'`);
      expect(forged.rowCount).toBe(before.length);
    } finally {
      await superuser.query('ROLLBACK');
      await superuser.end();
    }

    const refused = async (sql: string) => {
      const error = await attacker.query(sql).then(
        () => undefined,
        (caught: unknown) => caught as { message: string },
      );
      expect({ sql, refused: error !== undefined }).toEqual({ sql, refused: true });
      return error?.message;
    };
    expect(await refused(`SET session_replication_role = replica`)).toMatch(
      /permission denied to set parameter "session_replication_role"/,
    );
    expect(await refused(`UPDATE audit_log SET action = 'forged'`)).toMatch(
      /permission denied for table audit_log/,
    );
    expect(await refused(`DELETE FROM audit_log`)).toMatch(/permission denied for table audit_log/);
    expect(await refused(`TRUNCATE audit_log`)).toMatch(/permission denied for table audit_log/);
    expect(await refused(`ALTER TABLE audit_log DISABLE TRIGGER ALL`)).toMatch(
      /must be owner of table audit_log/,
    );
    expect(await refused(`DROP TRIGGER audit_log_append_only ON audit_log`)).toMatch(
      /must be owner of (table|relation) audit_log/,
    );
    expect(await refused(`COPY (SELECT 1) TO PROGRAM 'true'`)).toMatch(/external program/);
    expect(await refused(`COPY (SELECT 1) TO '/tmp/dose-role-test'`)).toMatch(/COPY to a file/);
    expect(await refused(`SELECT pg_read_file('postgresql.conf')`)).toMatch(
      /permission denied for function pg_read_file/,
    );
    expect(await refused(`CREATE TABLE forged (id int)`)).toMatch(
      /permission denied for schema public/,
    );
    expect(await refused(`DELETE FROM person`)).toMatch(/permission denied for table person/);

    expect(await auditLog()).toEqual(before);
  });
});
