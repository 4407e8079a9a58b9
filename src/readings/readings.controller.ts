import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { ReadingPageDto, ReadingsQueryDto } from './dto/reading-list.dto.js';
import { ReadingListService } from './reading-list.service.js';
import type { Caller } from '../audit/caller.js';
import { assertMayReadPerson, ownPersonId } from '../people/person-access.js';

/** A person's readings with increments and attribution (DESIGN.md §7, §8). */
@ApiTags('readings')
@ApiBearerAuth()
@Controller()
export class ReadingsController {
  constructor(private readonly readings: ReadingListService) {}

  @Roles('rso', 'technician')
  @Get('people/:id/readings')
  forPerson(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReadingsQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ReadingPageDto> {
    assertMayReadPerson(caller, id);
    return this.readings.list(id, query);
  }

  @Roles('technician')
  @Get('me/readings')
  mine(@Query() query: ReadingsQueryDto, @CurrentCaller() caller: Caller): Promise<ReadingPageDto> {
    return this.readings.list(ownPersonId(caller), query);
  }
}
