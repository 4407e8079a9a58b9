import {
  HttpException,
  HttpStatus,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request, Response } from 'express';

/** Login attempts allowed per client address and minute (OWASP Authentication Cheat Sheet). */
export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
const WINDOW_MS = 60_000;
const MAX_TRACKED_ADDRESSES = 100_000;

/**
 * A fixed-window login throttle per client address, kept in this replica's memory: each
 * replica limits on its own, which bounds guessing without state a second replica needs.
 * (@nestjs/throttler is CommonJS and cannot load NestJS 12's ES modules under Jest on Node 20.)
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const key = http.getRequest<Request>().ip ?? 'unknown';
    const now = Date.now();
    if (this.windows.size > MAX_TRACKED_ADDRESSES) this.prune(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + WINDOW_MS };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= LOGIN_ATTEMPTS_PER_WINDOW) return true;
    http.getResponse<Response>().setHeader('Retry-After', Math.ceil((window.resetAt - now) / 1000));
    throw new HttpException(
      'Too many login attempts; try again later',
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
