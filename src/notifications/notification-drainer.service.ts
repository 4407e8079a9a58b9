import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import type { DataSource } from 'typeorm';
import { AlertPublisher } from '../alerts/alert-publisher.service.js';
import { AppConfig } from '../config/app-config.js';
import { nextAttemptAt } from './backoff.js';
import { NotificationChannels } from './channels.js';
import { notificationContent } from './notification-content.js';
import {
  claimDue,
  escalate,
  expandOutbox,
  loadNotifiedAlert,
  recordAttempt,
} from './notification-store.js';

/** The @Interval's name: tests stop it (SchedulerRegistry) and call runOnce() themselves. */
export const NOTIFICATION_SCHEDULE = 'notification-schedule';
/** Leftovers (a stopped process's, retries due, held by quiet hours, escalations) every 30 s. */
const SCHEDULE_INTERVAL_MS = 30_000;
/** Deliveries per run, so one run never holds the schedule for long. */
const DELIVERIES_PER_RUN = 100;

export interface NotificationRun {
  expanded: number;
  escalated: number;
  attempted: number;
}

/**
 * Delivers alert notifications to the people who must act on them: right after an alert is published (its commit has
 * recorded the level in the outbox), and every 30 s for what is left. Each delivery is its own
 * transaction holding the notification's row lock while it sends, so no two replicas send it;
 * a process that stops mid-send leaves it pending, and the next run sends it.
 */
@Injectable()
export class NotificationDrainer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationDrainer.name);
  private subscription?: Subscription;
  private running?: Promise<unknown>;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly channels: NotificationChannels,
    private readonly publisher: AlertPublisher,
  ) {}

  onModuleInit(): void {
    this.subscription = this.publisher.stream.subscribe(() => this.kick());
  }

  onModuleDestroy(): Promise<unknown> | undefined {
    this.stopped = true;
    this.subscription?.unsubscribe();
    return this.running;
  }

  @Interval(NOTIFICATION_SCHEDULE, SCHEDULE_INTERVAL_MS)
  tick(): void {
    this.kick();
  }

  /** Resolves when no run of this process is under way. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One run as of `now`: escalations due, levels reached into notifications, deliveries due. */
  async runOnce(now = new Date()): Promise<NotificationRun> {
    const escalated = await escalate(this.dataSource.manager, now);
    const expanded = await this.dataSource.transaction((manager) =>
      expandOutbox(manager, now, this.config.facilityTz),
    );
    let attempted = 0;
    while (attempted < DELIVERIES_PER_RUN && (await this.deliverOne(now))) attempted += 1;
    return { expanded, escalated, attempted };
  }

  /** Starts a run now, or another right after the one under way. */
  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .catch((error: Error) => this.logger.error(`Notification run failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Claims, sends and records one notification due at `now`; false when none is due. */
  private deliverOne(now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const notification = await claimDue(manager, now);
      if (!notification) return false;
      const alert = await loadNotifiedAlert(manager, notification.alertId);
      const content = notificationContent(alert, this.config.publicUrl, notification.escalation);
      let error: string | undefined;
      try {
        await this.channels.send(notification, alert, content);
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
        this.logger.warn(`Notification ${notification.id} not delivered: ${error}`);
      }
      const attemptedAt = now > new Date() ? now : new Date();
      await recordAttempt(manager, notification, attemptedAt, {
        error,
        retryAt:
          error === undefined ? undefined : nextAttemptAt(attemptedAt, notification.attempts + 1),
      });
      return true;
    });
  }
}
