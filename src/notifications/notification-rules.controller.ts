import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../auth/auth.decorators.js';
import type { Caller } from '../audit/caller.js';
import {
  CreateNotificationRuleDto,
  NotificationContactDto,
  AlertNotificationDto,
  NotificationRuleDto,
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

  @Roles('rso')
  @Get('notification-contacts')
  contacts(): Promise<{ userId: string; username: string; email: string }[]> {
    return this.rules.contacts();
  }

  /** The e-mail address of a login, for the rules naming it or its role. */
  @Roles('rso')
  @Put('notification-contacts/:userId')
  setContact(
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: NotificationContactDto,
    @CurrentCaller() caller: Caller,
  ): Promise<{ userId: string; email: string }> {
    return this.rules.setContact(caller, userId, body.email);
  }

  /** Deliveries, failures and retries of the alert's notifications. */
  @Roles('rso')
  @Get('alerts/:id/notifications')
  ofAlert(@Param('id', ParseUUIDPipe) id: string): Promise<AlertNotificationDto[]> {
    return this.rules.ofAlert(id);
  }
}
