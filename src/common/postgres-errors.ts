/** SQLSTATE codes the services turn into HTTP answers (PostgreSQL docs, Appendix A). */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const EXCLUSION_VIOLATION = '23P01';

/**
 * Whether `error` is a Postgres error with this SQLSTATE (and, if given, on this constraint).
 * TypeORM's QueryFailedError copies the driver's `code` and `constraint` onto itself.
 */
export function isPostgresError(error: unknown, code: string, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code: actual, constraint: actualConstraint } = error as {
    code?: unknown;
    constraint?: unknown;
  };
  return actual === code && (constraint === undefined || actualConstraint === constraint);
}
