import { AccountLoginThrottle } from './account-login-throttle.js';

/** Ten failures per fifteen minutes, the service's setting; the clock is the test's. */
const WINDOW = 15 * 60_000;
const fail = (throttle: AccountLoginThrottle, username: string, now: number): boolean =>
  throttle.begin(username, now).allowed; // a wrong password keeps its slot: never released

describe('per-account login throttle', () => {
  it('refuses the eleventh attempt within the window, then lets the account try again', () => {
    const throttle = new AccountLoginThrottle();
    for (let i = 0; i < 10; i++) expect(fail(throttle, 'admin', i * 1000)).toBe(true);
    const refused = throttle.begin('ADMIN', 10_000);
    expect(refused).toEqual({ allowed: false, retryAfterMs: WINDOW - 10_000 });
    expect(throttle.begin('admin', WINDOW - 1).allowed).toBe(false);
    expect(throttle.begin('admin', WINDOW).allowed).toBe(true);
  });

  it('gives back the slot of a success or a malformed attempt, and only that one', () => {
    const throttle = new AccountLoginThrottle();
    for (let i = 0; i < 9; i++) fail(throttle, 'rso', 0);
    const success = throttle.begin('rso', 1);
    if (!success.allowed) throw new Error('refused');
    success.release();
    success.release(); // twice changes nothing
    // The success freed its own slot, not the nine failures: one more, then refused.
    expect(fail(throttle, 'rso', 2)).toBe(true);
    expect(throttle.begin('rso', 3).allowed).toBe(false);
  });

  it('counts every slot taken at once, so parallel guesses cannot pass the limit', () => {
    const throttle = new AccountLoginThrottle();
    const started = Array.from({ length: 15 }, () => throttle.begin('nobody-here', 0));
    expect(started.filter((attempt) => attempt.allowed)).toHaveLength(10);
  });

  it('keeps accounts apart and stays bounded under a flood of made-up usernames', () => {
    const throttle = new AccountLoginThrottle(10, WINDOW, 100);
    for (let i = 0; i < 10; i++) fail(throttle, 'target', 0);
    expect(throttle.begin('other', 0).allowed).toBe(true);
    for (let i = 0; i < 500; i++) fail(throttle, `made-up-${i}`, 1);
    expect((throttle as unknown as { windows: Map<string, unknown> }).windows.size).toBe(100);
  });
});
