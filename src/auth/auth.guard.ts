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
import type { Request } from 'express';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators.js';
import type { AccessTokenClaims } from './auth.service.js';
import { type Caller, ROLES, type Role } from '../audit/caller.js';

/**
 * The one global guard: closed by default. A route is reachable only when marked
 * @Public, or when the bearer token verifies (HS256 only, so `alg: none` and key
 * confusion are refused) and the caller's role is in the route's @Roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
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

  private async authenticate(request: Request): Promise<Caller> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token)
      throw new UnauthorizedException('A bearer token is required');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('The token is invalid or expired');
    }
    if (!ROLES.includes(claims.role))
      throw new UnauthorizedException('The token is invalid or expired');
    return {
      userId: claims.sub,
      username: claims.username,
      role: claims.role,
      personId: claims.personId,
    };
  }
}
