import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import type { Caller } from '../audit/caller.js';
import { assertMayReadPerson } from '../people/person-access.js';
import { CreateDoseEstimateDto, DoseEstimateDto } from './dto/not-measured.dto.js';
import { NotMeasuredService } from './not-measured/not-measured.service.js';

/** Estimates for periods no badge measured (DESIGN.md §8): the RSO's; readable by that person. */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people/:id/dose-estimates')
export class DoseEstimatesController {
  constructor(private readonly notMeasured: NotMeasuredService) {}

  @Roles('rso')
  @Post()
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateDoseEstimateDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DoseEstimateDto> {
    return this.notMeasured.createEstimate(id, body, caller);
  }

  @Roles('rso', 'technician')
  @Get()
  findAll(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<DoseEstimateDto[]> {
    assertMayReadPerson(caller, id);
    return this.notMeasured.listEstimates(id);
  }
}
