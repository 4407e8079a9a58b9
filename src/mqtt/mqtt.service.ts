import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { AppConfig } from '../config/app-config.js';

/** A week: the broker keeps our queued readings through any plausible outage of ours. */
const SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;

/**
 * The service's one broker connection: a fixed client id with a persistent session
 * (clean start off), so QoS 1 readings published while we are down wait for us at the
 * broker (DESIGN.md §3.4). It connects in the background and reconnects by itself;
 * readiness reports whether it is up.
 */
@Injectable()
export class MqttService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MqttService.name);
  private mqttClient?: MqttClient;

  constructor(private readonly config: AppConfig) {}

  get client(): MqttClient {
    if (!this.mqttClient) throw new Error('The MQTT client is not started');
    return this.mqttClient;
  }

  get connected(): boolean {
    return this.mqttClient?.connected ?? false;
  }

  onModuleInit(): void {
    this.mqttClient = mqtt.connect(this.config.mqttUrl, this.options());
    this.mqttClient.on('connect', () =>
      this.logger.log(`Connected to the broker as ${this.config.mqttClientId}`),
    );
    this.mqttClient.on('offline', () => this.logger.warn('Broker connection lost; reconnecting'));
    this.mqttClient.on('error', (error) => this.logger.warn(`Broker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    // While disconnected there is nothing to flush: a graceful end would wait forever.
    await this.mqttClient?.endAsync(!this.connected);
  }

  private options(): IClientOptions {
    const base: IClientOptions = {
      clientId: this.config.mqttClientId,
      clean: false,
      reconnectPeriod: 1_000,
      connectTimeout: 10_000,
      keepalive: 30,
    };
    if (this.config.mqttProtocolVersion === 4) return { ...base, protocolVersion: 4 };
    return {
      ...base,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: SESSION_EXPIRY_SECONDS, receiveMaximum: 65_535 },
    };
  }
}
