import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflict } from '../common/api-errors.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { DeclarePregnancyDto, EndPregnancyDto, PregnancyDto } from './dto/pregnancy.dto.js';
import { PregnancyService } from './pregnancy.service.js';
import type { Caller } from '../audit/caller.js';

/** Declared pregnancies: dose-relevant data, the RSO's (DESIGN.md §5, §7, §8). */
@ApiTags('people')
@ApiBearerAuth()
@Roles('rso')
@Controller('people/:id/pregnancy')
export class PregnancyController {
  constructor(private readonly pregnancies: PregnancyService) {}

  @ApiConflict('The pregnancy overlaps another declared one.')
  @Post()
  declare(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeclarePregnancyDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PregnancyDto> {
    return this.pregnancies.declare(id, body, caller);
  }

  @Get()
  findAll(@Param('id', ParseUUIDPipe) id: string): Promise<PregnancyDto[]> {
    return this.pregnancies.findAll(id);
  }

  @ApiConflict('The pregnancy would overlap another declared one.')
  @Patch(':pregnancyId')
  end(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('pregnancyId', ParseUUIDPipe) pregnancyId: string,
    @Body() body: EndPregnancyDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PregnancyDto> {
    return this.pregnancies.end(id, pregnancyId, body, caller);
  }
}
