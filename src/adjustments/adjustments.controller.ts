import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { AdjustmentsService } from './adjustments.service.js';
import { AdjustmentDto, CreateAdjustmentDto } from './dto/adjustment.dto.js';
import type { Caller } from '../audit/caller.js';

/** Dose corrections: the RSO's alone (DESIGN.md §7). */
@ApiTags('people')
@ApiBearerAuth()
@Roles('rso')
@Controller('people/:id/adjustments')
export class AdjustmentsController {
  constructor(private readonly adjustments: AdjustmentsService) {}

  @Post()
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateAdjustmentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AdjustmentDto> {
    return this.adjustments.create(id, body, caller);
  }

  @Get()
  findAll(@Param('id', ParseUUIDPipe) id: string): Promise<AdjustmentDto[]> {
    return this.adjustments.findAll(id);
  }
}
