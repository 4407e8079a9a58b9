import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import type { Caller } from '../audit/caller.js';
import {
  CreateNotificationRuleDto,
  type AlertNotificationDto,
  type NotificationRuleDto,
} from './notification-rule.dto.js';
import { NotificationRulesService } from './notification-rules.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationRulesController {
  constructor(private readonly rules: NotificationRulesService) {}

  @Roles('rso')
  @Get('notification-rules')
  list(): Promise<NotificationRuleDto[]> {
    return this.rules.list();
  }

  @Roles('rso')
  @Post('notification-rules')
  create(
    @Body() body: CreateNotificationRuleDto,
    @CurrentCaller() caller: Caller,
  ): Promise<NotificationRuleDto> {
    return this.rules.create(caller, body);
  }

  @Roles('rso')
  @Delete('notification-rules/:id')
  @HttpCode(204)
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    return this.rules.remove(caller, id);
  }

  /** Deliveries, failures and retries of the alert's notifications. */
  @Roles('rso')
  @Get('alerts/:id/notifications')
  ofAlert(@Param('id', ParseUUIDPipe) id: string): Promise<AlertNotificationDto[]> {
    return this.rules.ofAlert(id);
  }
}
