#!/usr/bin/env bash
# The dose tracking database's roles (DESIGN.md §7), as src/database/database-roles.ts sets
# up the embedded Postgres:
#   - DOSE_OWNER_ROLE (dose_owner) owns the database and its schema: migrations only
#     (the service's DATABASE_MIGRATION_URL);
#   - DOSE_SERVICE_ROLE (dose_service) owns nothing and may only connect; the service grants
#     it its table privileges after each migration run (src/database/service-grants.ts).
# Neither is a superuser: neither can disable a trigger of the append-only audit log by
# session_replication_role, nor read or write the server's files or run its programs.
#
# The postgres image runs this once, on its first start with an empty volume
# (/docker-entrypoint-initdb.d), as POSTGRES_USER on POSTGRES_DB. It is idempotent: for a
# database made before these roles, run it by hand as that database's superuser; it also
# hands the schema's existing tables and functions to the owner. test/database-roles.spec.ts
# runs it against a real Postgres.
set -euo pipefail

: "${POSTGRES_USER:?}" "${POSTGRES_DB:?}"
: "${DOSE_OWNER_PASSWORD:?set DOSE_OWNER_PASSWORD}" "${DOSE_SERVICE_PASSWORD:?set DOSE_SERVICE_PASSWORD}"

psql --no-psqlrc --set ON_ERROR_STOP=1 --quiet \
  --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set database="$POSTGRES_DB" \
  --set owner="${DOSE_OWNER_ROLE:-dose_owner}" \
  --set service="${DOSE_SERVICE_ROLE:-dose_service}" \
  --set owner_password="$DOSE_OWNER_PASSWORD" \
  --set service_password="$DOSE_SERVICE_PASSWORD" <<'SQL'
BEGIN;

SELECT format('CREATE ROLE %I', role)
  FROM unnest(ARRAY[:'owner', :'service']) AS role
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role) \gexec

ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'owner_password';
ALTER ROLE :"service" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'service_password';

ALTER DATABASE :"database" OWNER TO :"owner";
-- Not even CONNECT or TEMPORARY for roles not named here.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"service";
ALTER SCHEMA public OWNER TO :"owner";
-- Postgres 15 and later already refuse CREATE to PUBLIC; older ones granted it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"service";

-- A database made before these roles: its tables, views, sequences and functions go to the
-- owner (extensions' own objects aside; a column's sequence follows its table).
SELECT format('ALTER %s %s OWNER TO %I',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                             WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
              c.oid::regclass, :'owner')
  FROM pg_class c
 WHERE c.relnamespace = 'public'::regnamespace
   AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND c.relowner <> :'owner'::regrole
   AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype IN ('a', 'i', 'e'))
UNION ALL
SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'owner')
  FROM pg_proc p
 WHERE p.pronamespace = 'public'::regnamespace
   AND p.proowner <> :'owner'::regrole
   AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                      AND d.deptype = 'e') \gexec

COMMIT;
SQL
