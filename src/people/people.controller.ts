import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflict } from '../common/api-errors.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { CreatePersonDto, ListPeopleQueryDto } from './dto/create-person.dto.js';
import { PersonDto } from './dto/person.dto.js';
import { UpdatePersonDto } from './dto/update-person.dto.js';
import { PeopleService } from './people.service.js';
import type { Caller } from '../audit/caller.js';

/** People are dose data: the RSO's alone (DESIGN.md §7); admin manages logins, not people. */
@ApiTags('people')
@ApiBearerAuth()
@Roles('rso')
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @ApiConflict('Another person has that employee id or patient id.')
  @Post()
  create(@Body() body: CreatePersonDto, @CurrentCaller() caller: Caller): Promise<PersonDto> {
    return this.people.create(body, caller);
  }

  @Get()
  findAll(@Query() query: ListPeopleQueryDto): Promise<PersonDto[]> {
    return this.people.findAll(query);
  }

  @Get(':id')
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<PersonDto> {
    return this.people.findOne(id);
  }

  @ApiConflict('Another person has that employee id.')
  @Patch(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePersonDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PersonDto> {
    return this.people.update(id, body, caller);
  }
}
