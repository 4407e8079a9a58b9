/**
 * What the service's role may do with the schema (DESIGN.md §7): read, insert and update
 * every table; delete only where the service deletes; nothing more. It owns nothing, so it
 * cannot alter a table, disable a trigger or grant anything, and it is no superuser, so it
 * cannot set session_replication_role or reach the server's files and programs.
 */

/**
 * Append-only: the service inserts and reads, and their triggers refuse any change. Without
 * UPDATE, DELETE or TRUNCATE the role is refused before a trigger is even asked.
 */
export const APPEND_ONLY_TABLES = [
  'audit_log',
  'dose_adjustment',
  'patient_exposure',
  'patient_dose_report',
] as const;

/** TypeORM's record of applied migrations (data-source.ts): written by migrations only. */
const MIGRATIONS_TABLE = 'schema_migration';

/**
 * Statements that set the role's privileges afresh on every table and sequence of the schema,
 * so tables of later migrations are covered: run by the owner after each migration run, in
 * one transaction (the running service never sees the privileges half set). `role` must be
 * quoted already (an identifier); `deletedFrom`: the tables the service deletes rows from.
 */
export function serviceGrants(role: string, deletedFrom: readonly string[]): string[] {
  const list = (tables: readonly string[]) => tables.join(', ');
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`,
    `GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `REVOKE INSERT, UPDATE ON ${MIGRATIONS_TABLE} FROM ${role}`,
    `REVOKE UPDATE ON ${list(APPEND_ONLY_TABLES)} FROM ${role}`,
    `GRANT DELETE ON ${list(deletedFrom)} TO ${role}`,
    // nextval() of the BIGSERIAL ids (audit_log, rejected_message, ...).
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
  ];
}
