import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Subject, type Observable } from 'rxjs';
import type { Repository } from 'typeorm';
import { User } from './user.entity.js';
import type { Role } from '../audit/caller.js';

/** What the guard needs of a login on every request. */
export interface AccountState {
  userId: string;
  username: string;
  role: Role;
  personId: string | null;
  disabled: boolean;
  tokenVersion: number;
}

/**
 * Our bound on trusting a cached state: notifications (account-change-listener.ts) make a
 * change reach every replica at once; this only limits the harm of one that got lost.
 */
const TRUSTED_MS = 60_000;
/** Logins are few; past this many cached, the cache starts over. */
const MAX_CACHED = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Published when a login may have changed; ALL_ACCOUNTS when any may have. */
export const ALL_ACCOUNTS = '*';

/**
 * Each login's state as the guard checks it, cached in this replica so that a request costs no
 * database round trip. Correct at once: the replica that changes a login forgets it after the
 * commit, and every replica forgets it when Postgres notifies the change (a trigger on app_user
 * sends it on any update or delete, by the API or by hand). While this replica is not
 * listening it cannot hear of changes, so it trusts no cached state and reads each time.
 */
@Injectable()
export class AccountStates {
  private readonly cache = new Map<string, { state: AccountState | null; until: number }>();
  private readonly loading = new Map<string, Promise<AccountState | null>>();
  /** Raised by every invalidation: a read begun before one must not be cached. */
  private epoch = 0;
  private listening = false;
  private readonly changes = new Subject<string>();

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** The login's state, or null when there is no such login. */
  async get(userId: string, now = Date.now()): Promise<AccountState | null> {
    const cached = this.cache.get(userId);
    if (this.listening && cached && cached.until > now) return cached.state;
    // Concurrent requests of one login share one read.
    let loading = this.loading.get(userId);
    if (!loading) {
      loading = this.load(userId, now).finally(() => this.loading.delete(userId));
      this.loading.set(userId, loading);
    }
    return loading;
  }

  /** Drops what is known of the login and tells the open sessions to check themselves. */
  forget(userId: string): void {
    this.epoch += 1;
    this.cache.delete(userId);
    this.loading.delete(userId);
    this.changes.next(userId);
  }

  /** Drops everything: notifications may have been missed. */
  forgetAll(): void {
    this.epoch += 1;
    this.cache.clear();
    this.loading.clear();
    this.changes.next(ALL_ACCOUNTS);
  }

  /** Whether notifications reach this replica; cached states are trusted only while they do. */
  setListening(on: boolean): void {
    this.listening = on;
    this.forgetAll();
  }

  /** Logins that may have changed (ALL_ACCOUNTS: any). */
  get changed(): Observable<string> {
    return this.changes.asObservable();
  }

  private async load(userId: string, now: number): Promise<AccountState | null> {
    const epoch = this.epoch;
    // A token's subject is our own uuid; anything else names no login (and is no query).
    const user = UUID.test(userId) ? await this.users.findOneBy({ id: userId }) : null;
    const state: AccountState | null = user && {
      userId: user.id,
      username: user.username,
      role: user.role,
      personId: user.personId,
      disabled: user.disabledAt !== null,
      tokenVersion: user.tokenVersion,
    };
    if (this.epoch === epoch && this.listening) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(userId, { state, until: now + TRUSTED_MS });
    }
    return state;
  }
}
