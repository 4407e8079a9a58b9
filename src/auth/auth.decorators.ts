import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { API_ERRORS, ApiErrors } from '../common/api-errors.js';
import type { Request } from 'express';
import { ROLES, type Caller, type Role } from '../audit/caller.js';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES_KEY = 'auth:roles';

/** Opens a route to anyone. Every other route needs a valid token and a listed role. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The roles allowed on a route; a route with neither @Public nor @Roles is refused. The API
 * document shows the guard's answers: 401 without a valid token, 403 for the other roles.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiErrors({
      401: API_ERRORS[401],
      ...(roles.length < ROLES.length && { 403: API_ERRORS[403] }),
    }),
  );

export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller =>
    context.switchToHttp().getRequest<Request & { caller: Caller }>().caller,
);
