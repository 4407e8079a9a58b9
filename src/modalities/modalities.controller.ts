import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiConflict } from '../common/api-errors.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../audit/caller.js';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { CreateModalityDto } from './dto/create-modality.dto.js';
import type { ModalityDto } from './dto/modality.dto.js';
import { ModalitiesService } from './modalities.service.js';

@ApiTags('modalities')
@ApiBearerAuth()
@Roles('rso')
@Controller('modalities')
export class ModalitiesController {
  constructor(private readonly modalities: ModalitiesService) {}

  @ApiConflict('The modality id or AE title is already registered.')
  @Post()
  create(@Body() body: CreateModalityDto, @CurrentCaller() caller: Caller): Promise<ModalityDto> {
    return this.modalities.create(body, caller);
  }

  @Get()
  findAll(): Promise<ModalityDto[]> {
    return this.modalities.findAll();
  }
}
