import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { PersonLimitDto, PersonLimitParamsDto, PutPersonLimitDto } from './dto/person-limit.dto.js';
import { PersonLimitsService } from './person-limits.service.js';
import type { Caller } from '../audit/caller.js';

@ApiTags('limits')
@ApiBearerAuth()
@Roles('rso')
@Controller('people/:id/limits')
export class PersonLimitsController {
  constructor(private readonly limits: PersonLimitsService) {}

  @Get()
  findAll(@Param('id', ParseUUIDPipe) id: string): Promise<PersonLimitDto[]> {
    return this.limits.findAll(id);
  }

  @Put()
  put(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PutPersonLimitDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PersonLimitDto> {
    return this.limits.put(id, body, caller);
  }

  @Delete(':quantity/:period')
  @HttpCode(204)
  remove(@Param() params: PersonLimitParamsDto, @CurrentCaller() caller: Caller): Promise<void> {
    return this.limits.remove(params.id, params.quantity, params.period, caller);
  }
}
