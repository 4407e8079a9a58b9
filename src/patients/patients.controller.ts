import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import {
  PatientExposureDto,
  PatientExposureQueryDto,
  PatientListDto,
  PatientListQueryDto,
  PatientLookupQueryDto,
} from './dto/patient-exposure.dto.js';
import { PatientExposureService } from './patient-exposure.service.js';
import { PatientRankingService } from './patient-ranking.service.js';

/** Patients' cumulative dose (DESIGN.md §8): RSOs only; no route takes or returns a raw id but the lookup. */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientsController {
  constructor(
    private readonly exposure: PatientExposureService,
    private readonly ranking: PatientRankingService,
  ) {}

  @Roles('rso')
  @Get()
  list(@Query() query: PatientListQueryDto): Promise<PatientListDto> {
    return this.ranking.list(query.window ?? 'lifetime', query.limit ?? 50, query.offset ?? 0);
  }

  @Roles('rso')
  @Get('exposure')
  lookup(@Query() query: PatientLookupQueryDto): Promise<PatientExposureDto> {
    return this.exposure.byPatientId(query.patientId, atOf(query));
  }

  @Roles('rso')
  @Get(':id/exposure')
  forPerson(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PatientExposureQueryDto,
  ): Promise<PatientExposureDto> {
    return this.exposure.byPerson(id, atOf(query));
  }
}

const atOf = (query: { at?: string }): Date => (query.at ? new Date(query.at) : new Date());
