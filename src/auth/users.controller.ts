import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflict } from '../common/api-errors.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccountLifecycle } from './account-lifecycle.service.js';
import { CurrentCaller, Roles } from './auth.decorators.js';
import { ResetPasswordDto, UpdateUserDto } from './dto/account.dto.js';
import { CreateUserDto, UserDto } from './dto/create-user.dto.js';
import { UsersService } from './users.service.js';
import type { Caller } from '../audit/caller.js';

/** Logins: the admin's alone (DESIGN.md §7). */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly lifecycle: AccountLifecycle,
  ) {}

  @ApiConflict('The username is taken.')
  @Post()
  create(@Body() body: CreateUserDto, @CurrentCaller() caller: Caller): Promise<UserDto> {
    return this.users.create(body, caller);
  }

  @Get()
  findAll(): Promise<UserDto[]> {
    return this.users.findAll();
  }

  @ApiConflict('The change would leave no enabled admin login.')
  @Patch(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentCaller() caller: Caller,
  ): Promise<UserDto> {
    return this.lifecycle.update(id, body, caller);
  }

  @Post(':id/password')
  @HttpCode(204)
  resetPassword(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ResetPasswordDto,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    return this.lifecycle.resetPassword(id, body, caller);
  }
}
