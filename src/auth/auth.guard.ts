import {
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AccountStates } from './account-states.js';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators.js';
import type { AccessTokenClaims } from './auth.service.js';
import { admits, type AuthenticatedRequest } from './session.js';
import { type Caller, type Role } from '../audit/caller.js';

/**
 * The one global guard: closed by default. A route is reachable only when marked
 * @Public, or when the bearer token verifies (HS256 only, so `alg: none` and key
 * confusion are refused), the login it names still admits it (exists, not disabled, same
 * token version: session.ts; read from AccountStates, cached per replica) and the login's
 * role is in the route's @Roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly states: AccountStates,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.caller = await this.authenticate(request);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) {
      this.logger.error(`${request.method} ${request.path} has no @Roles: refused`);
      throw new ForbiddenException('This route is not open to any role');
    }
    if (!allowed.includes(request.caller.role))
      throw new ForbiddenException('Your role may not do this');
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Caller> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token)
      throw new UnauthorizedException('A bearer token is required');
    let claims: AccessTokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp: number }>(token, {
        algorithms: ['HS256'],
      });
    } catch {
      throw new UnauthorizedException('The token is invalid or expired');
    }
    const state = await this.states.get(claims.sub);
    // One answer for an unknown, disabled or logged-out login: a token tells nothing more.
    // A new role raises the version, so a current token names the login's role.
    if (!Number.isInteger(claims.ver) || !admits(state, claims.ver) || claims.role !== state.role)
      throw new UnauthorizedException('This session has ended: log in again');
    request.session = {
      userId: state.userId,
      tokenVersion: claims.ver,
      expiresAt: claims.exp * 1000,
    };
    return {
      userId: state.userId,
      username: state.username,
      role: state.role,
      personId: state.personId,
    };
  }
}
