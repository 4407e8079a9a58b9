import { randomUUID } from 'node:crypto';
import mqtt, { type IConnackPacket, type MqttClient } from 'mqtt';
import type { SimulatorOptions } from './options.js';

/**
 * Mosquitto's default max_inflight_messages: MQTT 3.1.1 cannot tell us the broker's limit, so
 * we stay under the common one. MQTT 5 brokers announce theirs (CONNACK Receive Maximum).
 */
const DEFAULT_WINDOW = 20;
const MAX_WINDOW = 1000;
const CONNECT_TIMEOUT_MS = 10_000;

interface Message {
  topic: string;
  payload: string;
}

/**
 * The simulator's broker connection: QoS 1 publishes, at most `window` unacknowledged at a
 * time (exceeding an MQTT 5 Receive Maximum gets messages refused), the rest queued in order.
 */
export class Publisher {
  published = 0;
  acknowledged = 0;
  failed = 0;
  lastError: string | undefined;
  private queue: Message[] = [];
  private head = 0;
  private inFlight = 0;
  private window = DEFAULT_WINDOW;
  private idle: (() => void)[] = [];

  private constructor(
    private readonly client: MqttClient,
    private readonly protocol: 4 | 5,
  ) {}

  /**
   * Connects, or rejects with a readable reason (refused, unreachable within 10 s). With no
   * protocol given: MQTT 5, and 3.1.1 when the broker refuses 5 (the embedded aedes does).
   */
  static async connect(
    options: Pick<SimulatorOptions, 'url' | 'protocol' | 'username' | 'password'>,
    warn: (line: string) => void,
  ): Promise<Publisher> {
    if (options.protocol !== undefined)
      return Publisher.connectWith(options, options.protocol, warn);
    try {
      return await Publisher.connectWith(options, 5, warn);
    } catch (error) {
      if (!refusesProtocol(error)) throw error;
      warn('the broker refused MQTT 5 (it speaks 3.1.1 only): using --protocol 4');
      return Publisher.connectWith(options, 4, warn);
    }
  }

  private static async connectWith(
    options: Pick<SimulatorOptions, 'url' | 'username' | 'password'>,
    protocol: 4 | 5,
    warn: (line: string) => void,
  ): Promise<Publisher> {
    const client = mqtt.connect(options.url, {
      clientId: `dose-simulator-${randomUUID().slice(0, 8)}`,
      protocolVersion: protocol,
      username: options.username,
      password: options.password,
      clean: true,
      reconnectPeriod: 1_000,
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
    const publisher = new Publisher(client, protocol);
    client.on('connect', (connack) => publisher.onConnect(connack));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no connection to ${options.url} within ${CONNECT_TIMEOUT_MS} ms`)),
          CONNECT_TIMEOUT_MS,
        );
        client.once('connect', () => (clearTimeout(timer), resolve()));
        client.once('error', (error) => (clearTimeout(timer), reject(error)));
      });
    } catch (error) {
      await client.endAsync(true);
      throw error;
    }
    client.on('error', (error) => warn(`broker: ${error.message}`));
    client.on('offline', () => warn('broker connection lost; reconnecting'));
    return publisher;
  }

  /** Messages queued or awaiting their PUBACK. */
  get backlog(): number {
    return this.queue.length - this.head + this.inFlight;
  }

  send(topic: string, payload: string): void {
    this.queue.push({ topic, payload });
    this.pump();
  }

  /** Resolves true once every message is acknowledged (or failed), false after the timeout. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.backlog === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      new Promise<boolean>((resolve) => this.idle.push(() => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return done;
  }

  async close(): Promise<void> {
    await this.client.endAsync(this.backlog > 0 || !this.client.connected);
  }

  private onConnect(connack: IConnackPacket): void {
    const announced = connack.properties?.receiveMaximum;
    // MQTT 5 without the property means 65 535.
    const limit = announced ?? (this.protocol === 5 ? MAX_WINDOW : DEFAULT_WINDOW);
    this.window = Math.min(limit, MAX_WINDOW);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.window && this.head < this.queue.length) {
      const { topic, payload } = this.queue[this.head++];
      this.inFlight++;
      this.published++;
      this.client.publish(topic, payload, { qos: 1 }, (error) => {
        this.inFlight--;
        if (error) {
          this.failed++;
          this.lastError = error.message;
        } else {
          this.acknowledged++;
        }
        this.pump();
      });
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.backlog === 0) for (const resolve of this.idle.splice(0)) resolve();
  }
}

/**
 * A CONNACK refusing the protocol version: 1 in MQTT 3.1.1's terms (what aedes answers an
 * MQTT 5 CONNECT with), 132 in MQTT 5's.
 */
function refusesProtocol(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 1 || code === 132;
}
