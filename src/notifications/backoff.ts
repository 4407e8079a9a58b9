/** Tries a notification gets before it is given up as `failed`. */
export const MAX_ATTEMPTS = 8;

/** The wait after the first failure; each further failure doubles it. */
const FIRST_RETRY_MS = 30_000;
/** No wait grows past an hour: a receiver back after an outage hears within the hour. */
const LONGEST_RETRY_MS = 3_600_000;

/**
 * When a notification that failed its `attempts`-th try is tried again, or undefined when it
 * has had its tries. Exponential: 30 s, 1 min, 2 min, ... at most 1 h apart.
 */
export function nextAttemptAt(failedAt: Date, attempts: number): Date | undefined {
  if (attempts >= MAX_ATTEMPTS) return undefined;
  const wait = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
  return new Date(failedAt.getTime() + wait);
}
