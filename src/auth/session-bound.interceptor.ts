import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { concatMap, filter, first, merge, takeUntil, timer, type Observable } from 'rxjs';
import { ALL_ACCOUNTS, AccountStates } from './account-states.js';
import { admits, type AuthenticatedRequest, type Session } from './session.js';

/**
 * For a long-lived answer (the alert stream's server-sent events): it ends, and the response
 * with it, when the token that opened it expires, or once its login no longer admits it
 * (disabled, password changed or reset, new role, logout; deleted), which AccountStates hears
 * from this replica's changes and from every other replica's at once.
 */
@Injectable()
export class SessionBoundInterceptor implements NestInterceptor {
  constructor(private readonly states: AccountStates) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { session } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!session) throw new Error('SessionBoundInterceptor needs a route behind the auth guard');
    return next.handle().pipe(takeUntil(this.ended(session)));
  }

  /** Emits once, when the session has ended. */
  ended(session: Session): Observable<unknown> {
    const revoked = this.states.changed.pipe(
      filter((userId) => userId === session.userId || userId === ALL_ACCOUNTS),
      concatMap(() => this.states.get(session.userId)),
      filter((state) => !admits(state, session.tokenVersion)),
    );
    return merge(timer(new Date(session.expiresAt)), revoked).pipe(first());
  }
}
