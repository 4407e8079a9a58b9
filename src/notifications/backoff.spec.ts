import { MAX_ATTEMPTS, nextAttemptAt } from './backoff.js';

describe('nextAttemptAt', () => {
  const at = new Date('2026-03-01T03:00:00Z');
  const waitAfter = (attempts: number) =>
    (nextAttemptAt(at, attempts)?.getTime() ?? 0) - at.getTime();

  it('doubles the wait after each failure, from 30 s', () => {
    expect([1, 2, 3, 4].map(waitAfter)).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('never waits more than an hour', () => {
    expect(waitAfter(MAX_ATTEMPTS - 1)).toBeLessThanOrEqual(3_600_000);
  });

  it('gives up after the last try', () => {
    expect(nextAttemptAt(at, MAX_ATTEMPTS)).toBeUndefined();
  });
});
