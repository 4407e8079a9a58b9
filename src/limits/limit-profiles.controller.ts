import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { AlaraLevelsService } from './alara-levels.service.js';
import { AlaraLevelDto, PutAlaraLevelDto } from './dto/alara-level.dto.js';
import { LimitProfileDto, ProfileLimitDto, PutProfileLimitDto } from './dto/limit-profile.dto.js';
import { LimitProfilesService } from './limit-profiles.service.js';
import type { Caller } from '../audit/caller.js';

/** Limit profiles are dose-relevant data: the RSO's (DESIGN.md §5, §7). */
@ApiTags('limits')
@ApiBearerAuth()
@Roles('rso')
@Controller('limit-profiles')
export class LimitProfilesController {
  constructor(
    private readonly profiles: LimitProfilesService,
    private readonly alaraLevels: AlaraLevelsService,
  ) {}

  @Get()
  findAll(): Promise<LimitProfileDto[]> {
    return this.profiles.findAll();
  }

  @Put(':profile/limits')
  putLimit(
    @Param('profile') profile: string,
    @Body() body: PutProfileLimitDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ProfileLimitDto> {
    return this.profiles.putLimit(profile, body, caller);
  }

  /** The profile's ALARA investigation levels, per quantity, in mSv a calendar quarter. */
  @Get(':profile/alara-levels')
  findAlaraLevels(@Param('profile') profile: string): Promise<AlaraLevelDto[]> {
    return this.alaraLevels.find(profile);
  }

  @Put(':profile/alara-levels')
  putAlaraLevel(
    @Param('profile') profile: string,
    @Body() body: PutAlaraLevelDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AlaraLevelDto> {
    return this.alaraLevels.put(profile, body, caller);
  }
}
