import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiErrors } from '../common/api-errors.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccountLifecycle } from './account-lifecycle.service.js';
import { CurrentCaller, Roles } from './auth.decorators.js';
import { ChangePasswordDto } from './dto/account.dto.js';
import { LoginResponseDto } from './dto/login.dto.js';
import type { Caller } from '../audit/caller.js';

/** The caller's own login. */
@ApiTags('auth')
@ApiBearerAuth()
@Roles('admin', 'rso', 'technician')
@Controller('me')
export class MeController {
  constructor(private readonly lifecycle: AccountLifecycle) {}

  /** Ends every session of the login, this one too; answers a token for the new password. */
  @ApiErrors({ 429: 'Too many wrong current passwords for this login.' })
  @Post('password')
  @HttpCode(200)
  changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentCaller() caller: Caller,
  ): Promise<LoginResponseDto> {
    return this.lifecycle.changeOwnPassword(caller, body);
  }
}
