import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Caller, Role } from '../audit/caller.js';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES_KEY = 'auth:roles';

/** Opens a route to anyone. Every other route needs a valid token and a listed role. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles allowed on a route; a route with neither @Public nor @Roles is refused. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller =>
    context.switchToHttp().getRequest<Request & { caller: Caller }>().caller,
);
