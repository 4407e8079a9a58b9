import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { ownPersonId } from '../people/person-access.js';
import { BadgesService } from './badges.service.js';
import { BadgeDto } from './dto/badge.dto.js';
import type { Caller } from '../audit/caller.js';

/** A technician's own badges: what they wear now and when each was last heard from. */
@ApiTags('badges')
@ApiBearerAuth()
@Controller('me')
export class MyBadgesController {
  constructor(private readonly badges: BadgesService) {}

  @Roles('technician')
  @Get('badges')
  mine(@CurrentCaller() caller: Caller): Promise<BadgeDto[]> {
    return this.badges.wornBy(ownPersonId(caller));
  }
}
