import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { IPublishPacket, ISubscriptionMap } from 'mqtt';
import { isAlertingRate } from '../limits/alert-thresholds.js';
import { AppConfig } from '../config/app-config.js';
import { AmqpIngestQueue } from '../mqtt/amqp-ingest-queue.js';
import { DEVICE_PUBLISHES, type DevicePublishes } from '../mqtt/device-publishes.js';
import { MqttService } from '../mqtt/mqtt.service.js';
import { redacted } from '../mqtt/parse-batch.js';
import { sendPubacks } from '../mqtt/puback.js';
import type { InboundMessage } from './inbound-message.js';
import { IngestBatcher } from './ingest-batcher.js';
import { IngestMetrics } from './ingest.metrics.js';
import { IngestService } from './ingest.service.js';
import { EXPOSURE_EVENT_FIELDS } from '../patients/dto/exposure-event.dto.js';
import { parseExposuresMessage } from '../patients/parse-exposures.js';
import { BADGE_READING_FIELDS } from '../readings/dto/badge-reading.dto.js';
import { parseReadingsMessage } from './parse-readings.js';
import { rejectedMessage, type ParsedMessage } from './parsed-message.js';
import { quarantine } from './quarantine.js';
import { TopicRouter } from '../mqtt/topic-router.js';

/** Messages held unacknowledged before we stop reading from the broker (memory bound). */
const MAX_BACKLOG = 50_000;
const DRAIN_TIMEOUT_MS = 15_000;
const DEFERRED_ACK = new Error('acknowledged after commit');
/** The keys a redacted message from an unknown topic may show: the devices' field names. */
const DEVICE_FIELDS: ReadonlySet<string> = new Set([
  ...EXPOSURE_EVENT_FIELDS,
  ...BADGE_READING_FIELDS,
]);
/**
 * Concurrent ingestion transactions per replica (the pool has DB_POOL_SIZE connections). Two,
 * not four: at full ingest rate the smaller number gives each transaction twice the readings,
 * and Postgres spends less per reading; more partitions ingested less, and one left a core
 * idle between commits (bench/README.md, "Two ingestion partitions").
 */
const PARTITIONS = 2;
/** Transactions of the urgent lane that may commit at once (see `urgent`). */
const URGENT_CONCURRENT_COMMITS = 2;

/**
 * Takes readings and patient exposure events from the broker and acknowledges each only after its transaction commits
 * (DESIGN.md §3.4). A service killed before the commit never acknowledged: the broker
 * redelivers to the persistent session, and (badge, seq) keeps the repeat from counting.
 */
@Injectable()
export class IngestConsumer implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IngestConsumer.name);
  private readonly router: TopicRouter;
  private readonly batchers: IngestBatcher[];
  /**
   * The lane of messages with a reading at or above the doseRate alert rate (DESIGN.md §5):
   * someone is being exposed now. They commit at once, beside the partitions, instead of
   * waiting for their partition's commit in flight and then committing among a full batch,
   * commits that grow with the load (bench/README.md, "Urgent lane for alerting dose
   * rates"). The badge locks order them with their badge's other readings as between two
   * partitions.
   */
  private readonly urgent: IngestBatcher;
  private readonly lanes: IngestBatcher[];
  private connection = 0;
  private stopping = false;
  private resume?: () => void;

  constructor(
    private readonly config: AppConfig,
    private readonly mqtt: MqttService,
    private readonly queue: AmqpIngestQueue,
    private readonly ingest: IngestService,
    @Inject(DEVICE_PUBLISHES) private readonly devicePublishes: DevicePublishes | null,
    private readonly metrics: IngestMetrics,
  ) {
    this.router = new TopicRouter(config.topicPrefix);
    // Partitions by badge: each partition's transactions lock a disjoint set of badges, so
    // they commit side by side instead of queueing on each other's badge locks.
    const lane = (maxWaitMs: number, maxConcurrentCommits: number) =>
      new IngestBatcher({
        commit: (messages) => this.ingest.commit(messages),
        acknowledge: (messages) => this.acknowledge(messages),
        quarantine,
        maxBatchItems: 2_000,
        maxWaitMs,
        maxConcurrentCommits,
      });
    this.batchers = Array.from({ length: PARTITIONS }, () => lane(5, 1));
    this.urgent = lane(0, URGENT_CONCURRENT_COMMITS);
    this.lanes = [...this.batchers, this.urgent];
    metrics.watchLag(() => {
      const times = this.lanes.flatMap((lane) => lane.oldestUnacknowledgedAt ?? []);
      return times.length > 0 ? Math.min(...times) : undefined;
    });
  }

  /** Before MqttService connects (its application bootstrap): see MqttService. */
  onModuleInit(): void {
    if (this.devicePublishes) {
      // The embedded broker hands device messages over in process and acknowledges each
      // after its commit (embedded-broker.ts): nothing to subscribe to.
      this.devicePublishes.take((topic, payload) => this.receiveInProcess(topic, payload));
      this.logger.log('Taking device messages from the embedded broker in process');
      return;
    }
    // INGEST_SOURCE=amqp: the queue, from application bootstrap on; MQTT carries alerts only.
    if (this.queue.enabled) return;
    const client = this.mqtt.client;
    client.on('connect', () => {
      this.connection += 1;
      const topics = this.subscriptions();
      // SUBSCRIBE on every connect, even when the broker says our session is present and
      // mqtt.js would skip it: Mosquitto restores a persisted session after its own restart
      // without the shared subscription, and nothing would be delivered to us (the broker
      // restart fault test lost every reading until this).
      const subscription: ISubscriptionMap = Object.fromEntries(
        topics.map((topic) => [topic, { qos: 1 as const }]),
      );
      subscription.resubscribe = true;
      client.subscribeAsync(subscription).then(
        (granted) =>
          this.logger.log(
            `Subscribed to ${topics.join(', ')} (granted QoS ${granted.map((g) => g.qos).join(',')})`,
          ),
        (error: Error) =>
          this.logger.error(`Subscribing to ${topics.join(', ')} failed: ${error.message}`),
      );
    });
    client.handleMessage = (packet, callback) => this.receive(packet, callback);
  }

  /** INGEST_SOURCE=amqp: consumes once every module (the database's among them) is up. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.enabled) return;
    await this.queue.consume((topic, payload, acknowledge, redelivered) => {
      // While stopping, a delivery stays unacknowledged and returns to the queue on close.
      if (this.stopping) return;
      if (redelivered) this.metrics.redelivered.inc();
      this.take(topic, payload, acknowledge);
    });
  }

  /** Shutdown: take nothing new, commit and acknowledge what was taken in. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.devicePublishes?.release();
    if (this.queue.enabled) await this.queue.stopConsuming();
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), DRAIN_TIMEOUT_MS).unref(),
    );
    if (
      (await Promise.race([Promise.all(this.lanes.map((batcher) => batcher.drain())), timeout])) ===
      'timeout'
    ) {
      this.lanes.forEach((batcher) => batcher.abandon());
      this.logger.warn('Stopped before everything committed: the broker will redeliver the rest');
    }
  }

  private subscriptions(): string[] {
    return [this.router.readingsSubscription, this.router.exposuresSubscription].map((topic) =>
      this.config.sharedSubscription ? `$share/${this.config.shareGroup}/${topic}` : topic,
    );
  }

  private receive(packet: IPublishPacket, callback: (error?: Error) => void): void {
    if (this.stopping) return; // never call back: mqtt.js takes no further packet
    const { source, parsed } = this.parse(packet.topic, toBuffer(packet.payload));
    // Spelled out, not spread: at full rate spreading cost as much as the rest of this method.
    const message: InboundMessage = {
      readings: parsed.readings,
      exposures: parsed.exposures,
      rejections: parsed.rejections,
      modality: parsed.modality,
      topic: packet.topic,
      messageId: packet.qos > 0 ? packet.messageId : undefined,
      connection: this.connection,
      receivedAt: Date.now(),
    };
    this.laneOf(message, source).add(message);
    if (this.backlog() < MAX_BACKLOG) return callback(DEFERRED_ACK);
    // Backpressure: hold mqtt.js (and so the socket) until the backlog commits.
    this.resume = () => callback(DEFERRED_ACK);
  }

  /**
   * A device's message from the embedded broker: settles once committed (or kept as
   * rejected), and the broker acknowledges it to the device then. While stopping it is
   * refused, unacknowledged, and the device sends it again to the next start. Each device's
   * next messages wait in the broker meanwhile, which bounds the backlog.
   */
  private receiveInProcess(topic: string, payload: Buffer): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('the dose service is stopping'));
    return new Promise((resolve) => this.take(topic, payload, resolve));
  }

  /**
   * A message whose source acknowledges it through `settle` once it is committed or kept as
   * rejected: the embedded broker, or the AMQP queue (where the prefetch bounds the backlog).
   */
  private take(topic: string, payload: Buffer, settle: () => void): void {
    const { source, parsed } = this.parse(topic, payload);
    const message: InboundMessage = {
      readings: parsed.readings,
      exposures: parsed.exposures,
      rejections: parsed.rejections,
      modality: parsed.modality,
      topic,
      connection: this.connection,
      receivedAt: Date.now(),
      settle,
    };
    this.laneOf(message, source).add(message);
  }

  private laneOf(message: InboundMessage, source: string): IngestBatcher {
    return hasAlertingRate(message) ? this.urgent : this.batchers[partitionOf(source)];
  }

  /** The message's content, and its source (badge or modality), which picks its partition. */
  private parse(topic: string, payload: Buffer): { source: string; parsed: ParsedMessage } {
    const limits = {
      maxPayloadBytes: this.config.maxPayloadBytes,
      maxClockSkewMs: this.config.maxClockSkewMs,
      now: Date.now(),
    };
    const serial = this.router.readingsSerial(topic);
    if (serial !== undefined)
      return { source: serial, parsed: parseReadingsMessage(serial, payload, limits) };
    const modalityId = this.router.exposuresModality(topic);
    if (modalityId !== undefined) {
      const { exposures, rejections, modality } = parseExposuresMessage(
        modalityId,
        payload,
        limits,
        this.config.patientIdSecret,
      );
      return { source: modalityId, parsed: { readings: [], exposures, rejections, modality } };
    }
    // Whatever sent it, it may be a modality misconfigured: kept redacted, like a modality's.
    const kept = redacted({ payload }, DEVICE_FIELDS);
    return { source: '', parsed: rejectedMessage('not a device topic of this service', kept) };
  }

  private backlog(): number {
    return this.lanes.reduce((sum, batcher) => sum + batcher.backlog, 0);
  }

  private acknowledge(messages: InboundMessage[]): void {
    for (const message of messages) message.settle?.();
    // A PUBACK belongs to the connection the message came on; after a reconnect the broker
    // redelivers instead, and the repeat is recognised by its (badge, seq).
    if (this.mqtt.connected) {
      const messageIds: number[] = [];
      for (const { messageId, connection } of messages)
        if (messageId !== undefined && connection === this.connection) messageIds.push(messageId);
      sendPubacks(this.mqtt.client, messageIds);
    }
    if (this.resume && this.backlog() < MAX_BACKLOG / 2) {
      const resume = this.resume;
      this.resume = undefined;
      resume();
    }
  }
}

function hasAlertingRate({ readings }: InboundMessage): boolean {
  return readings.some((reading) => isAlertingRate(reading.doseRateNsvH));
}

/** FNV-1a: a stable partition per badge serial (or modality id). */
export function partitionOf(serial: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < serial.length; i++) hash = Math.imul(hash ^ serial.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % PARTITIONS;
}

function toBuffer(payload: Buffer | string): Buffer {
  return typeof payload === 'string' ? Buffer.from(payload) : payload;
}
