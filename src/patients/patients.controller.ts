import { ApiErrors } from '../common/api-errors.js';
import {
  Body,
  Controller,
  Get,
  GoneException,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import {
  PatientExposureDto,
  PatientExposureQueryDto,
  PatientListDto,
  PatientListQueryDto,
  PatientLookupDto,
} from './dto/patient-exposure.dto.js';
import { PatientExposureService } from './patient-exposure.service.js';
import { PatientRankingService } from './patient-ranking.service.js';

/** Patients' cumulative dose (DESIGN.md §8): RSOs only; no route takes or returns a raw id but the lookup's body. */
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

  /** By the raw patient id, in the body: a URL ends up in access logs and browser history. */
  @Roles('rso')
  @Post('lookup')
  @HttpCode(200)
  lookup(@Body() body: PatientLookupDto): Promise<PatientExposureDto> {
    return this.exposure.byPatientId(body.patientId, atOf(body));
  }

  /**
   * The former lookup with the raw id in the query (DESIGN.md §7: never in a URL): refused,
   * whatever the query, and nothing of it is echoed back.
   */
  @Roles('rso')
  @ApiErrors({ 410: 'A raw patient id in a URL reaches access logs: use POST /patients/lookup.' })
  @Get('exposure')
  lookupByUrl(): never {
    throw new GoneException(
      'A patient id does not go in a URL: look patients up with POST /api/v1/patients/lookup {patientId}',
    );
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
