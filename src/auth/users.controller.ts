import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from './auth.decorators.js';
import { CreateUserDto, UserDto } from './dto/create-user.dto.js';
import { UsersService } from './users.service.js';
import type { Caller } from '../audit/caller.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post()
  create(@Body() body: CreateUserDto, @CurrentCaller() caller: Caller): Promise<UserDto> {
    return this.users.create(body, caller);
  }
}
