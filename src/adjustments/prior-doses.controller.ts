import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import type { Caller } from '../audit/caller.js';
import { assertMayReadPerson } from '../people/person-access.js';
import { CreatePriorDoseDto, PriorDoseDto } from './dto/not-measured.dto.js';
import { NotMeasuredService } from './not-measured/not-measured.service.js';

/** Dose from other employers (DESIGN.md §8): entered by the RSO, read by the RSO or that person. */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people/:id/prior-doses')
export class PriorDosesController {
  constructor(private readonly notMeasured: NotMeasuredService) {}

  @Roles('rso')
  @Post()
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreatePriorDoseDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PriorDoseDto> {
    return this.notMeasured.createPriorDose(id, body, caller);
  }

  @Roles('rso', 'technician')
  @Get()
  findAll(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<PriorDoseDto[]> {
    assertMayReadPerson(caller, id);
    return this.notMeasured.listPriorDoses(id);
  }
}
