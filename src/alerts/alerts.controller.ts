import { ApiEventStream } from '../common/api-answers.js';
import { ApiConflict } from '../common/api-errors.js';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Sse,
  UseInterceptors,
  type MessageEvent,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import { SessionBoundInterceptor } from '../auth/session-bound.interceptor.js';
import { AlertsService } from './alerts.service.js';
import { AlertDto, AlertMessageDto } from './dto/alert.dto.js';
import {
  AlertNoteDto,
  AlertQueryDto,
  BulkAcknowledgeDto,
  BulkAcknowledgeResultDto,
} from './dto/alert-request.dto.js';
import type { Caller } from '../audit/caller.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller()
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /**
   * Declared before alerts/:id, which would otherwise take `stream` for an id. Ends with its
   * session: at the token's expiry, or when the login is disabled or its password changes.
   */
  @Roles('rso', 'technician')
  @UseInterceptors(SessionBoundInterceptor)
  @Sse('alerts/stream')
  @ApiEventStream('alert', AlertMessageDto)
  stream(@CurrentCaller() caller: Caller): Observable<MessageEvent> {
    return this.alerts.stream(caller);
  }

  @Roles('rso', 'technician')
  @Get('alerts')
  list(@Query() query: AlertQueryDto, @CurrentCaller() caller: Caller): Promise<AlertDto[]> {
    return this.alerts.list(caller, query);
  }

  @Roles('technician')
  @Get('me/alerts')
  mine(@Query() query: AlertQueryDto, @CurrentCaller() caller: Caller): Promise<AlertDto[]> {
    return this.alerts.list(caller, query);
  }

  /** One note for many alerts (the inbox's bulk acknowledge); each alert's outcome answered. */
  @Roles('rso', 'technician')
  @Post('alerts/acknowledge')
  @HttpCode(200)
  acknowledgeMany(
    @Body() body: BulkAcknowledgeDto,
    @CurrentCaller() caller: Caller,
  ): Promise<BulkAcknowledgeResultDto[]> {
    return this.alerts.acknowledgeMany(caller, body.ids, body.note);
  }

  @Roles('rso', 'technician')
  @Get('alerts/:id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentCaller() caller: Caller): Promise<AlertDto> {
    return this.alerts.get(caller, id);
  }

  @Roles('rso', 'technician')
  @ApiConflict('The alert is already acknowledged or resolved.')
  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  acknowledge(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AlertNoteDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AlertDto> {
    return this.alerts.acknowledge(caller, id, body.note);
  }

  @Roles('rso')
  @ApiConflict('The alert is already resolved.')
  @Post('alerts/:id/resolve')
  @HttpCode(200)
  resolve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AlertNoteDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AlertDto> {
    return this.alerts.resolve(caller, id, body.note);
  }
}
