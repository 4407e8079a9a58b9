/**
 * Whether retrying the same transaction may succeed: lost connections and Postgres' classes
 * 08 (connection), 40 (serialization/deadlock), 53 (resources), 57 (shutdown, not yet ready)
 * and 58 (system). Data and integrity errors (22, 23) fail the same way every time.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return ['08', '40', '53', '57', '58'].includes(code.slice(0, 2));
}
