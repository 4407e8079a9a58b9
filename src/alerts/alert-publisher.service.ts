import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Observable, Subject } from 'rxjs';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { MqttService } from '../mqtt/mqtt.service.js';
import { AlertMetrics } from './alert.metrics.js';
import {
  claimForPublication,
  claimUnpublished,
  messageOfRow,
  type ClaimedAlert,
} from './alert-store.js';
import type { AlertMessageDto } from './dto/alert.dto.js';
import { TopicRouter } from '../mqtt/topic-router.js';

/** Unpublished alerts older than this are swept up by the schedule (their raiser stopped). */
const SWEEP_GRACE_SECONDS = 10;

/**
 * Sends alerts out after the commit that raised or escalated them (DESIGN.md §6): QoS 1 on
 * `{prefix}/alerts/{level}` and `{prefix}/badges/{serial}/alerts`, and to this process's
 * server-sent-event subscribers.
 *
 * Each level is claimed in the database before it is sent (claimForPublication), so it goes out
 * at most once across replicas and restarts. The trade-off: a crash between the claim and the
 * hand-over to the MQTT client loses that message; the alert itself stays in the database, on
 * the API and on the dashboard.
 */
@Injectable()
export class AlertPublisher implements OnModuleDestroy {
  private readonly logger = new Logger(AlertPublisher.name);
  private readonly router: TopicRouter;
  private readonly messages = new Subject<AlertMessageDto>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mqtt: MqttService,
    private readonly metrics: AlertMetrics,
    config: AppConfig,
  ) {
    this.router = new TopicRouter(config.topicPrefix);
  }

  /**
   * Alerts as this process publishes them. In-process only: with several replicas a stream
   * sees the alerts its own replica claimed, not those another replica published.
   */
  get stream(): Observable<AlertMessageDto> {
    return this.messages.asObservable();
  }

  /** Claims and sends the alerts' current levels; `receivedAt` is the readings' arrival. */
  async publish(ids: readonly string[], receivedAt?: number): Promise<void> {
    if (ids.length === 0) return;
    this.sendAll(await claimForPublication(this.dataSource.manager, ids), receivedAt);
  }

  /**
   * Sends alerts whose change the caller's own transaction made and returned (a resolution or
   * a lower level, receding-alerts.ts): that commit is their claim, no other process has them.
   */
  send(changed: readonly ClaimedAlert[]): void {
    this.sendAll(changed);
  }

  /** Sends what was raised but never claimed, e.g. by a process that stopped just after its commit. */
  async publishUnpublished(): Promise<number> {
    const claimed = await claimUnpublished(this.dataSource.manager, SWEEP_GRACE_SECONDS);
    if (claimed.length > 0) this.logger.warn(`Publishing ${claimed.length} alert(s) left unsent`);
    this.sendAll(claimed);
    return claimed.length;
  }

  onModuleDestroy(): void {
    // Ends every open event stream, so the HTTP server can close.
    this.messages.complete();
  }

  private sendAll(claimed: readonly ClaimedAlert[], receivedAt?: number): void {
    for (const row of claimed) {
      const message = messageOfRow(row);
      const payload = JSON.stringify(message);
      const topics = [
        this.router.alerts(row.level),
        ...row.badges.map((serial) => this.router.badgeAlerts(serial)),
      ];
      for (const topic of topics) {
        // Not awaited: the PUBACK must not hold up the next evaluation. mqtt.js keeps QoS 1
        // messages published while offline and sends them on reconnect.
        this.mqtt.client.publishAsync(topic, payload, { qos: 1 }).catch((error: Error) => {
          this.metrics.failures.inc({ stage: 'mqtt' });
          this.logger.error(`Alert ${row.id} on ${topic} not sent: ${error.message}`);
        });
      }
      this.metrics.published.inc({ kind: row.kind, level: row.level });
      if (receivedAt !== undefined && Number.isFinite(receivedAt))
        this.metrics.latencySeconds.observe((Date.now() - receivedAt) / 1000);
      this.messages.next(message);
    }
  }
}
