import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflict } from '../common/api-errors.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { AssignmentsService } from './assignments.service.js';
import { AssignmentDto, CreateAssignmentDto, ReturnBadgeDto } from './dto/assignment.dto.js';
import { UpdateAssignmentDto } from './dto/assignment-correction.dto.js';
import type { Caller } from '../audit/caller.js';

@ApiTags('badges')
@ApiBearerAuth()
@Roles('rso')
@Controller('badges/:serial')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @ApiConflict(
    'The badge is assigned in that period, or the person is in and out of an apron at once.',
  )
  @Post('assignments')
  create(
    @Param('serial') serial: string,
    @Body() body: CreateAssignmentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AssignmentDto> {
    return this.assignments.create(serial, body, caller);
  }

  @Get('assignments')
  findAll(@Param('serial') serial: string): Promise<AssignmentDto[]> {
    return this.assignments.findAll(serial);
  }

  @ApiConflict('The new period overlaps another assignment of the badge.')
  @Patch('assignments/:id')
  update(
    @Param('serial') serial: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAssignmentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AssignmentDto> {
    return this.assignments.update(serial, id, body, caller);
  }

  @ApiConflict('The change conflicts with the readings or assignments recorded.')
  @Post('return')
  @HttpCode(200)
  returnBadge(
    @Param('serial') serial: string,
    @Body() body: ReturnBadgeDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AssignmentDto> {
    return this.assignments.returnBadge(serial, body, caller);
  }
}
