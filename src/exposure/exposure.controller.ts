import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { DailyDosesService } from './daily-doses.service.js';
import { DailyDosesDto, DailyDosesQueryDto } from './dto/daily-doses.dto.js';
import { ExposureDto, ExposureQueryDto } from './dto/exposure.dto.js';
import { ExposureService } from './exposure.service.js';
import type { Caller } from '../audit/caller.js';
import { assertMayReadPerson, ownPersonId } from '../people/person-access.js';

@ApiTags('exposure')
@ApiBearerAuth()
@Controller()
export class ExposureController {
  constructor(
    private readonly exposure: ExposureService,
    private readonly daily: DailyDosesService,
  ) {}

  @Roles('rso', 'technician')
  @Get('people/:id/exposure')
  forPerson(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExposureQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ExposureDto> {
    assertMayReadPerson(caller, id);
    return this.exposure.exposure(id, atOf(query));
  }

  /** Daily totals through a year, for the dose chart: rso, or that person. */
  @Roles('rso', 'technician')
  @Get('people/:id/daily-doses')
  dailyDoses(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DailyDosesQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DailyDosesDto> {
    assertMayReadPerson(caller, id);
    return this.daily.dailyDoses(id, query.year);
  }

  @Roles('technician')
  @Get('me/exposure')
  mine(@Query() query: ExposureQueryDto, @CurrentCaller() caller: Caller): Promise<ExposureDto> {
    return this.exposure.exposure(ownPersonId(caller), atOf(query));
  }
}

const atOf = (query: ExposureQueryDto): Date => (query.at ? new Date(query.at) : new Date());
