import { createHmac } from 'node:crypto';
import pg from 'pg';

/** The embedded installation's schema owner: migrations only. */
export const EMBEDDED_OWNER_ROLE = 'dose_owner';
/** The embedded installation's service role: owns nothing, no superuser (DESIGN.md §7). */
export const EMBEDDED_SERVICE_ROLE = 'dose_service';

/** Who a connection is, as Postgres sees it. */
export interface DatabaseRole {
  name: string;
  superuser: boolean;
}

export interface RoleUrls {
  /** The owner's: migrations, the operator's command-line tools. */
  ownerUrl: string;
  /** The service's. */
  serviceUrl: string;
}

/** The role a URL logs in as (its user, or libpq's default when the URL names none). */
export async function roleOf(url: string): Promise<DatabaseRole> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; superuser: boolean }>(
      `SELECT rolname AS name, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * Sets up the embedded Postgres as docker/postgres/init-roles.sh sets up the compose one: an
 * owner of the database and its schema, and a service role that may only connect (its table
 * privileges come after each migration run, src/database/service-grants.ts). Run at every
 * start as the bootstrap superuser; idempotent. Installations made before these roles have
 * their tables owned by the superuser: those are handed to the owner.
 *
 * The roles' passwords derive from the superuser's (kept in DATA_DIR/secrets.json), so
 * nothing new needs keeping, and neither password reveals it.
 */
export async function setUpEmbeddedRoles(
  superuserUrl: string,
  superuserPassword: string,
): Promise<RoleUrls> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const role of [EMBEDDED_OWNER_ROLE, EMBEDDED_SERVICE_ROLE]) {
      await ensureLoginRole(client, role, rolePassword(superuserPassword, role));
    }
    const database = client.escapeIdentifier(client.database ?? '');
    for (const statement of [
      `ALTER DATABASE ${database} OWNER TO ${EMBEDDED_OWNER_ROLE}`,
      // Not even CONNECT or TEMPORARY for roles not named here.
      `REVOKE ALL ON DATABASE ${database} FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${database} TO ${EMBEDDED_SERVICE_ROLE}`,
      `ALTER SCHEMA public OWNER TO ${EMBEDDED_OWNER_ROLE}`,
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${EMBEDDED_SERVICE_ROLE}`,
    ]) {
      await client.query(statement);
    }
    await handOverToOwner(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  const as = (role: string) => {
    const url = new URL(superuserUrl);
    url.username = role;
    url.password = rolePassword(superuserPassword, role);
    return url.toString();
  };
  return { ownerUrl: as(EMBEDDED_OWNER_ROLE), serviceUrl: as(EMBEDDED_SERVICE_ROLE) };
}

function rolePassword(superuserPassword: string, role: string): string {
  return createHmac('sha256', superuserPassword)
    .update(`postgres role ${role}`)
    .digest('base64url');
}

/** A login role with no power beyond its grants; its attributes and password set afresh. */
async function ensureLoginRole(client: pg.Client, role: string, password: string): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (found.rowCount === 0) await client.query(`CREATE ROLE ${role}`);
  await client.query(
    `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS ` +
      `PASSWORD ${client.escapeLiteral(password)}`,
  );
}

/**
 * The schema's tables, views, sequences and functions not yet the owner's, extensions' own
 * objects aside. A sequence that belongs to a column follows its table.
 */
async function handOverToOwner(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ statement: string }>(
    `SELECT format('ALTER %s %s OWNER TO %I',
                   CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                  WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                   c.oid::regclass, $1::text) AS statement
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace
        AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND c.relowner <> $1::regrole
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                           AND d.deptype IN ('a', 'i', 'e'))
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1::text)
       FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace
        AND p.proowner <> $1::regrole
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                           AND d.deptype = 'e')`,
    [EMBEDDED_OWNER_ROLE],
  );
  for (const { statement } of rows) await client.query(statement);
}
