import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IClientPublishOptions } from 'mqtt';
import { Observable, Subject } from 'rxjs';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { MqttService } from '../mqtt/mqtt.service.js';
import { AlertMetrics } from './alert.metrics.js';
import {
  claimForPublication,
  claimResolutions,
  claimUnpublished,
  messageOfRow,
  type ClaimedAlert,
} from './alert-store.js';
import type { AlertMessageDto } from './dto/alert.dto.js';
import { TopicRouter } from '../mqtt/topic-router.js';
import { ReplicaAlerts } from './replica-alerts.js';

/** Unpublished alerts older than this are swept up by the schedule (their raiser stopped). */
const SWEEP_GRACE_SECONDS = 10;
/**
 * How long the broker keeps an open dose-rate alert for a badge that is offline (MQTT 5 Message
 * Expiry Interval, OASIS MQTT 5.0 §3.3.2.3.3): the rate was an instant value, and a badge back
 * after this long would buzz for a rate that is long past. Our choice; no standard gives one.
 * Its resolution has no expiry: a badge that buzzed must hear that it may stop.
 */
const TRANSIENT_ALERT_EXPIRY_SECONDS = 300;
/** Alert kinds about an instant value rather than a dose received. */
const TRANSIENT_KINDS: ReadonlySet<string> = new Set(['doseRate']);

/**
 * Sends alerts out after the commit that raised, escalated or resolved them (DESIGN.md §6): QoS 1
 * on `{prefix}/alerts/{level}` and `{prefix}/badges/{serial}/alerts`, and to this process's
 * server-sent-event subscribers. Over MQTT 5 each message says it is JSON, and an open alert
 * about an instant value expires (TRANSIENT_ALERT_EXPIRY_SECONDS).
 *
 * Each level and each resolution is claimed in the database before it is sent
 * (claimForPublication, claimResolutions), so it goes out at most once across replicas and
 * restarts. The trade-off: a crash between the claim and the
 * hand-over to the MQTT client loses that message; the alert itself stays in the database, on
 * the API and on the dashboard.
 */
@Injectable()
export class AlertPublisher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertPublisher.name);
  private readonly router: TopicRouter;
  private readonly messages = new Subject<AlertMessageDto>();
  private readonly mqtt5: boolean;
  private readonly replicas: ReplicaAlerts;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mqtt: MqttService,
    private readonly metrics: AlertMetrics,
    config: AppConfig,
  ) {
    this.router = new TopicRouter(config.topicPrefix);
    this.mqtt5 = config.mqttProtocolVersion === 5;
    this.replicas = new ReplicaAlerts(dataSource, (message) => this.messages.next(message));
  }

  /** Alerts as this process and every other replica on the database publish them. */
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

  /**
   * Claims and sends resolutions: of these alerts (after the commit that resolved them), or,
   * without ids, those left unsent, e.g. by a process that stopped just after its commit.
   */
  async publishResolutions(ids?: readonly string[]): Promise<number> {
    const claimed = await claimResolutions(this.dataSource.manager, ids ?? SWEEP_GRACE_SECONDS);
    if (!ids && claimed.length > 0)
      this.logger.warn(`Publishing ${claimed.length} resolution(s) left unsent`);
    this.sendAll(claimed);
    return claimed.length;
  }

  /** Sends what was raised but never claimed, e.g. by a process that stopped just after its commit. */
  async publishUnpublished(): Promise<number> {
    const claimed = await claimUnpublished(this.dataSource.manager, SWEEP_GRACE_SECONDS);
    if (claimed.length > 0) this.logger.warn(`Publishing ${claimed.length} alert(s) left unsent`);
    this.sendAll(claimed);
    return claimed.length;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.replicas.start();
  }

  async onModuleDestroy(): Promise<void> {
    // Ends every open event stream, so the HTTP server can close.
    this.messages.complete();
    await this.replicas.stop();
  }

  private sendAll(claimed: readonly ClaimedAlert[], receivedAt?: number): void {
    const sent: AlertMessageDto[] = [];
    for (const row of claimed) {
      const message = messageOfRow(row);
      const payload = JSON.stringify(message);
      const options = this.publishOptions(message);
      const topics = [
        this.router.alerts(row.level),
        ...row.badges.map((serial) => this.router.badgeAlerts(serial)),
      ];
      for (const topic of topics) {
        // Not awaited: the PUBACK must not hold up the next evaluation. mqtt.js keeps QoS 1
        // messages published while offline and sends them on reconnect.
        this.mqtt.client.publishAsync(topic, payload, options).catch((error: Error) => {
          this.metrics.failures.inc({ stage: 'mqtt' });
          this.logger.error(`Alert ${row.id} on ${topic} not sent: ${error.message}`);
        });
      }
      this.metrics.published.inc({ kind: row.kind, level: row.level });
      if (receivedAt !== undefined && Number.isFinite(receivedAt))
        this.metrics.latencySeconds.observe((Date.now() - receivedAt) / 1000);
      this.messages.next(message);
      sent.push(message);
    }
    this.replicas.tell(sent);
  }

  private publishOptions(message: AlertMessageDto): IClientPublishOptions {
    if (!this.mqtt5) return { qos: 1 };
    const transient = message.state !== 'resolved' && TRANSIENT_KINDS.has(message.kind);
    return {
      qos: 1,
      properties: {
        contentType: 'application/json',
        ...(transient ? { messageExpiryInterval: TRANSIENT_ALERT_EXPIRY_SECONDS } : {}),
      },
    };
  }
}
