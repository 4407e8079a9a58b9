import type { Request } from 'express';
import type { AccountState } from './account-states.js';
import type { Caller } from '../audit/caller.js';

/** The access token a request came with, as the guard accepted it. */
export interface Session {
  userId: string;
  /** The login's token version the token carries (`ver`). */
  tokenVersion: number;
  /** When the token expires (epoch ms). */
  expiresAt: number;
}

export type AuthenticatedRequest = Request & { caller?: Caller; session?: Session };

/**
 * Whether the login still lets this token in (DESIGN.md §7): it exists, is not disabled, and
 * its version is the token's (logout, a password change or reset, a new role or disabling
 * raise it). Expiry is the signature check's.
 */
export function admits(state: AccountState | null, tokenVersion: number): state is AccountState {
  return state !== null && !state.disabled && state.tokenVersion === tokenVersion;
}
