import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiConflict } from '../common/api-errors.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { BadgesService } from './badges.service.js';
import { BadgeDto } from './dto/badge.dto.js';
import { CreateBadgeDto } from './dto/create-badge.dto.js';
import { UpdateBadgeDto } from './dto/update-badge.dto.js';
import type { Caller } from '../audit/caller.js';

@ApiTags('badges')
@ApiBearerAuth()
@Roles('rso')
@Controller('badges')
export class BadgesController {
  constructor(private readonly badges: BadgesService) {}

  @ApiConflict('The badge is already registered.')
  @Post()
  create(@Body() body: CreateBadgeDto, @CurrentCaller() caller: Caller): Promise<BadgeDto> {
    return this.badges.create(body, caller);
  }

  @Get()
  findAll(): Promise<BadgeDto[]> {
    return this.badges.findAll();
  }

  @Get(':serial')
  findOne(@Param('serial') serial: string): Promise<BadgeDto> {
    return this.badges.findOne(serial);
  }

  @Patch(':serial')
  update(
    @Param('serial') serial: string,
    @Body() body: UpdateBadgeDto,
    @CurrentCaller() caller: Caller,
  ): Promise<BadgeDto> {
    return this.badges.update(serial, body, caller);
  }
}
