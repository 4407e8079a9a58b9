import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { NotificationChannels } from './channels.js';
import { NotificationDrainer } from './notification-drainer.service.js';
import { NotificationRulesController } from './notification-rules.controller.js';
import { NotificationRulesService } from './notification-rules.service.js';

/**
 * Alert notifications by e-mail and webhook, for the RSO who is not at the dashboard: rules as data, an outbox filled in the
 * alert's own transaction, delivered after its publication and on a schedule.
 */
@Module({
  imports: [AlertsModule],
  controllers: [NotificationRulesController],
  providers: [NotificationChannels, NotificationDrainer, NotificationRulesService],
  exports: [NotificationDrainer],
})
export class NotificationsModule {}
