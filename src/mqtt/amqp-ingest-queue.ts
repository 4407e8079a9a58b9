import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  connect,
  type Channel,
  type ChannelModel,
  type ConsumeMessage,
  type RecoveringChannelModel,
} from 'amqplib';
import { AppConfig } from '../config/app-config.js';
import { amqpBindingKeys, mqttTopicOf } from './amqp-topics.js';

/**
 * A device message from the queue; `acknowledge` after its commit. `redelivered`: the broker
 * delivered it before, and that delivery was never acknowledged.
 */
export type QueuedMessageHandler = (
  topic: string,
  payload: Buffer,
  acknowledge: () => void,
  redelivered: boolean,
) => void;

/** The exchange RabbitMQ's MQTT plugin publishes device messages to (its default). */
const MQTT_EXCHANGE = 'amq.topic';
/** Reconnect backoff: the first retry soon, then no slower than every few seconds. */
const RECOVERY = { initialDelay: 200, maxDelay: 5_000, maxRetries: Infinity } as const;

/**
 * INGEST_SOURCE=amqp (DESIGN.md §9): devices publish MQTT to RabbitMQ's MQTT listener, which
 * routes each message to `amq.topic`; a durable quorum queue bound there to the device topics
 * keeps them replicated until a replica acknowledges them. Every replica consumes the same
 * queue (competing consumers), with at most AMQP_PREFETCH unacknowledged deliveries, and
 * acknowledges each only after its commit: a replica that dies returns its deliveries to
 * the queue, and the survivors take them; a repeat is recognised by its (badge, seq).
 */
@Injectable()
export class AmqpIngestQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(AmqpIngestQueue.name);
  private connection?: RecoveringChannelModel;
  /** The channel deliveries arrive on now; a tag is only valid on its own channel. */
  private channel?: Channel;
  private consumerTag?: string;
  private handler?: QueuedMessageHandler;
  private stopping = false;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.ingestSource === 'amqp';
  }

  get connected(): boolean {
    return this.channel !== undefined;
  }

  /** Declares the queue and its bindings, then consumes; again after every reconnect. */
  async consume(handler: QueuedMessageHandler): Promise<void> {
    const url = this.config.amqpUrl;
    if (url === undefined) throw new Error('INGEST_SOURCE=amqp needs AMQP_URL');
    this.handler = handler;
    this.connection = await connect(url, {
      recovery: {
        ...RECOVERY,
        waitForConnect: false,
        setup: (model: ChannelModel) => this.setup(model),
      },
    });
    this.connection.on('disconnect', (error: Error) => {
      this.channel = undefined;
      this.logger.warn(`AMQP connection lost (${error.message}); reconnecting`);
    });
    // A refused login or a queue declared with other arguments: said at each attempt.
    this.connection.on('connect-failed', (error: Error) =>
      this.logger.warn(`AMQP connection or queue set-up failed (${error.message}); retrying`),
    );
    this.connection.on('error', (error: Error) => this.logger.warn(`AMQP: ${error.message}`));
  }

  /** Stops deliveries; what was delivered and not acknowledged returns to the queue on close. */
  async stopConsuming(): Promise<void> {
    this.stopping = true;
    const { channel, consumerTag } = this;
    if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.connection?.close().catch(() => undefined);
  }

  private async setup(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', (error: Error) => this.logger.warn(`AMQP channel: ${error.message}`));
    // A channel closed by the broker while the connection stays (or a consumer it cancelled,
    // its queue deleted) would leave this replica taking nothing: closing the connection
    // makes the recovery open, declare and consume again.
    const again = () => {
      if (this.channel !== channel) return;
      this.channel = undefined;
      if (!this.stopping) model.close().catch(() => undefined);
    };
    channel.on('close', again);
    const queue = this.config.amqpQueue;
    // Quorum: replicated on the broker's nodes and confirmed to the MQTT plugin (and so
    // PUBACKed to the device) only once a majority holds it.
    await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    for (const key of amqpBindingKeys(this.config.topicPrefix))
      await channel.bindQueue(queue, MQTT_EXCHANGE, key);
    await channel.prefetch(this.config.amqpPrefetch);
    this.channel = channel;
    const { consumerTag } = await channel.consume(queue, (message) => {
      if (message) this.deliver(channel, message);
      else again();
    });
    this.consumerTag = consumerTag;
    this.logger.log(`Subscribed to AMQP queue ${queue} (prefetch ${this.config.amqpPrefetch})`);
  }

  private deliver(channel: Channel, message: ConsumeMessage): void {
    const topic = mqttTopicOf(message.fields.routingKey, this.config.topicPrefix);
    const acknowledge = () => {
      // After a reconnect the delivery belongs to a closed channel: the broker has put it
      // back, and acknowledging its tag on the new channel would close that channel.
      if (this.channel === channel) channel.ack(message);
    };
    this.handler?.(topic, message.content, acknowledge, message.fields.redelivered);
  }
}
