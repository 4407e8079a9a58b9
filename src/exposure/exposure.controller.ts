import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '../auth/auth.decorators.js';
import { assertMayReadPerson, ownPersonId } from '../auth/person-access.js';
import { ExposureDto, ExposureQueryDto } from './dto/exposure.dto.js';
import { ExposureService } from './exposure.service.js';

@ApiTags('exposure')
@ApiBearerAuth()
@Controller()
export class ExposureController {
  constructor(private readonly exposure: ExposureService) {}

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

  @Roles('technician')
  @Get('me/exposure')
  mine(@Query() query: ExposureQueryDto, @CurrentCaller() caller: Caller): Promise<ExposureDto> {
    return this.exposure.exposure(ownPersonId(caller), atOf(query));
  }
}

const atOf = (query: ExposureQueryDto): Date => (query.at ? new Date(query.at) : new Date());
