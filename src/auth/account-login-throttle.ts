/**
 * Failed logins allowed per account (the username as typed, known or not) in one window. Our
 * choice: ten wrong passwords in fifteen minutes is more than a person mistyping makes, and
 * holds a guesser spread over many addresses to about a thousand guesses a day per account.
 */
export const ACCOUNT_LOGIN_FAILURES_PER_WINDOW = 10;
export const ACCOUNT_LOGIN_WINDOW_MS = 15 * 60_000;
/** Past this many accounts tracked, expired windows go first, then the oldest. */
const MAX_TRACKED_ACCOUNTS = 100_000;

interface Window {
  attempts: number;
  resetAt: number;
}

export type LoginAttempt =
  | { allowed: true; /** The attempt succeeded or never checked a password. */ release(): void }
  | { allowed: false; retryAfterMs: number };

/**
 * A fixed-window throttle per account, whatever the client address. Each attempt takes a slot
 * before its password is checked, so parallel guesses cannot slip past the count; an attempt
 * that does not end in a wrong password (a success, a malformed body) gives its own slot back
 * and nothing more: a success never wipes failures that other addresses left on the account.
 * Once the slots are spent every attempt is refused, the right password too (else the refusal
 * itself would confirm a guess), until the window that began with the first attempt passes.
 *
 * Kept in this replica's memory, like the per-address limit: each replica counts on its own.
 * Plain class (no Nest import) so the spec drives it with its own clock.
 */
export class AccountLoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit = ACCOUNT_LOGIN_FAILURES_PER_WINDOW,
    private readonly windowMs = ACCOUNT_LOGIN_WINDOW_MS,
    private readonly maxTracked = MAX_TRACKED_ACCOUNTS,
  ) {}

  begin(username: string, now: number): LoginAttempt {
    // The same key the login looks the user up by: ADMIN and admin share their slots.
    const key = username.toLowerCase();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxTracked) this.makeRoom(now);
      window = { attempts: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    if (window.attempts >= this.limit)
      return { allowed: false, retryAfterMs: window.resetAt - now };
    window.attempts += 1;
    const taken = window;
    let released = false;
    return {
      allowed: true,
      release: () => {
        if (released) return;
        released = true;
        taken.attempts -= 1;
        // Nothing left to remember: the entry goes (only if it is still this account's window).
        if (taken.attempts === 0 && this.windows.get(key) === taken) this.windows.delete(key);
      },
    };
  }

  /**
   * Expired windows first; if a flood of made-up usernames still fills the map, the oldest
   * windows go. Reaching that needs 100,000 attempts inside one window, which the per-address
   * limit spreads over thousands of addresses.
   */
  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxTracked) break;
      this.windows.delete(key);
    }
  }
}
