import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { readFileSync } from 'node:fs';
import { AppConfig } from '../config/app-config.js';

/** A week: the broker keeps our queued readings through any plausible outage of ours. */
const SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;
/** MQTT 5 receive maximum: QoS 1 messages the broker may have in flight to us, unacknowledged. */
const RECEIVE_MAXIMUM = 20_000;
/** How long a graceful disconnect may take before the connection is dropped (our choice). */
const END_TIMEOUT_MS = 3_000;

/**
 * The service's one broker connection: a fixed client id with a persistent session
 * (clean start off), so QoS 1 readings published while we are down wait for us at the
 * broker (DESIGN.md §3.4). The client is created unconnected: consumers install their
 * message handlers during module init, and only then (application bootstrap) does it
 * connect, so no message queued for us can reach a default handler that acknowledges it.
 * It reconnects by itself; readiness reports whether it is up.
 */
@Injectable()
export class MqttService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MqttService.name);
  readonly client: MqttClient;

  constructor(private readonly config: AppConfig) {
    this.client = mqtt.connect(config.mqttUrl, { ...this.options(), manualConnect: true });
    this.client.on('connect', () =>
      this.logger.log(`Connected to the broker as ${config.mqttClientId}`),
    );
    this.client.on('offline', () => this.logger.warn('Broker connection lost; reconnecting'));
    this.client.on('error', (error) => this.logger.warn(`Broker: ${error.message}`));
  }

  get connected(): boolean {
    return this.client.connected;
  }

  onApplicationBootstrap(): void {
    this.client.connect();
  }

  /**
   * A graceful end waits for our unacknowledged publishes and then writes DISCONNECT. Both can
   * wait forever: while disconnected, and while the consumer holds a message to stop mqtt.js
   * reading (ingestion stopping under a flood), when neither a PUBACK reaches us nor the
   * broker reads our DISCONNECT. So the end is given a bound, and then the connection is
   * dropped: the broker keeps our session and redelivers what we did not acknowledge.
   */
  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), END_TIMEOUT_MS);
    });
    const ended = await Promise.race([this.client.endAsync(!this.connected), timeout]);
    clearTimeout(timer);
    if (ended === 'timeout') {
      this.logger.warn('The broker took no DISCONNECT in time: dropping the connection');
      this.client.stream?.destroy();
    }
  }

  private options(): IClientOptions {
    const base: IClientOptions = {
      clientId: this.config.mqttClientId,
      clean: false,
      reconnectPeriod: 1_000,
      connectTimeout: 10_000,
      keepalive: 30,
      // Over TLS (mqtts://, wss://) the broker's certificate and name are checked against
      // MQTT_CA_FILE's CAs, or the system's when it is unset; never skipped.
      rejectUnauthorized: true,
      ...(this.config.mqttCaFile === undefined ? {} : { ca: readFileSync(this.config.mqttCaFile) }),
      // mqtt.js traces every packet through the `debug` package, whose disabled logger still
      // packs each call's arguments: the largest allocation site of the service at full ingest
      // rate (bench/README.md, "Service hot path"). Its trace stays available with
      // DEBUG=mqttjs*.
      ...(process.env.DEBUG?.includes('mqttjs') ? {} : { log: () => undefined }),
    };
    if (this.config.mqttProtocolVersion === 4) return { ...base, protocolVersion: 4 };
    return {
      ...base,
      protocolVersion: 5,
      properties: {
        sessionExpiryInterval: SESSION_EXPIRY_SECONDS,
        receiveMaximum: RECEIVE_MAXIMUM,
      },
    };
  }
}
