import { Body, Controller, Get, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { API_ERRORS, ApiErrors } from '../common/api-errors.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config.js';
import { AccountLifecycle } from './account-lifecycle.service.js';
import { AccountLoginLimitInterceptor } from './account-login-limit.interceptor.js';
import { CurrentCaller, Public, Roles } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { LoginDto, LoginResponseDto } from './dto/login.dto.js';
import { SessionDto } from './dto/session.dto.js';
import type { Caller } from '../audit/caller.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly lifecycle: AccountLifecycle,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(LoginRateLimitGuard)
  @UseInterceptors(AccountLoginLimitInterceptor)
  @ApiErrors({
    401: 'Wrong username or password, or the login is disabled.',
    429: API_ERRORS[429],
  })
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body);
  }

  /** Ends every session of the caller's login at once (a per-login token version: DESIGN.md §7). */
  @ApiBearerAuth()
  @Roles('admin', 'rso', 'technician')
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentCaller() caller: Caller): Promise<void> {
    return this.lifecycle.logout(caller);
  }

  /** Behind a token, not public: the UI needs the time zone only once someone has logged in. */
  @ApiBearerAuth()
  @Roles('admin', 'rso', 'technician')
  @Get('session')
  session(@CurrentCaller() caller: Caller): SessionDto {
    const { username, role, personId } = caller;
    return { username, role, personId, facilityTz: this.config.facilityTz };
  }
}
