import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import type { Caller } from '../audit/caller.js';
import { PatientThresholdDto, PutPatientThresholdDto } from './dto/patient-threshold.dto.js';
import { PatientThresholdsService } from './patient-thresholds.service.js';

/** The patient rules' thresholds are dose-relevant data: the RSO's (DESIGN.md §5, §7). */
@ApiTags('limits')
@ApiBearerAuth()
@Roles('rso')
@Controller('patient-alert-thresholds')
export class PatientThresholdsController {
  constructor(private readonly thresholds: PatientThresholdsService) {}

  /** Every level of every patient rule, in the rule's unit, with its source. */
  @Get()
  findAll(): Promise<PatientThresholdDto[]> {
    return this.thresholds.findAll();
  }

  @Put()
  put(
    @Body() body: PutPatientThresholdDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PatientThresholdDto> {
    return this.thresholds.put(body, caller);
  }

  @Delete(':quantity/:scope/:level')
  @HttpCode(204)
  remove(
    @Param('quantity') quantity: string,
    @Param('scope') scope: string,
    @Param('level') level: string,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    return this.thresholds.remove({ quantity, scope, level }, caller);
  }
}
