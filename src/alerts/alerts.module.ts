import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { Alert } from './alert.entity.js';
import { AlertEvaluator } from './alert-evaluator.service.js';
import { AlertPublisher } from './alert-publisher.service.js';
import { AlertScheduler } from './alert-scheduler.service.js';
import { AlertMetrics } from './alert.metrics.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';

/**
 * Alerts (DESIGN.md §5, §6): raised from committed readings and on a schedule, published to
 * MQTT and server-sent events after their commit, and kept with an acknowledge/resolve workflow.
 * AuthModule: an alert stream ends with the session that opened it (SessionBoundInterceptor).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Alert]), AuthModule],
  controllers: [AlertsController],
  providers: [AlertMetrics, AlertPublisher, AlertEvaluator, AlertScheduler, AlertsService],
  // AlertPublisher: notifications follow its stream to deliver right after a publication.
  exports: [AlertEvaluator, AlertScheduler, AlertPublisher],
})
export class AlertsModule {}
