import {
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, tap, throwError } from 'rxjs';
import { AccountLoginThrottle } from './account-login-throttle.js';
import { MAX_USERNAME_LENGTH } from './dto/login.dto.js';

/**
 * The per-account login limit around POST /auth/login (the per-address one is
 * LoginRateLimitGuard). An interceptor, not a guard: it must see how the attempt ended, and
 * only a wrong password (401) keeps its slot. It runs before validation, so it reads the raw
 * body; a username the DTO would refuse is left to the 400 and counted nowhere.
 */
@Injectable()
export class AccountLoginLimitInterceptor implements NestInterceptor {
  constructor(private readonly throttle: AccountLoginThrottle) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const body = http.getRequest<Request>().body as { username?: unknown } | undefined;
    const username = body?.username;
    if (typeof username !== 'string' || username.length > MAX_USERNAME_LENGTH) return next.handle();
    // Decided before any database lookup or hash: a known and an unknown username are
    // refused alike and equally fast, so a 429 tells nobody whether the account exists.
    const attempt = this.throttle.begin(username, Date.now());
    if (!attempt.allowed) {
      http.getResponse<Response>().setHeader('Retry-After', Math.ceil(attempt.retryAfterMs / 1000));
      return throwError(
        () =>
          new HttpException(
            'Too many failed logins for this account; try again later',
            HttpStatus.TOO_MANY_REQUESTS,
          ),
      );
    }
    return next.handle().pipe(
      tap({
        next: () => attempt.release(),
        error: (error: unknown) => {
          if (!(error instanceof UnauthorizedException)) attempt.release();
        },
      }),
    );
  }
}
