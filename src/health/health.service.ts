import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service.js';
import { AmqpIngestQueue } from '../mqtt/amqp-ingest-queue.js';
import { MqttService } from '../mqtt/mqtt.service.js';

export type CheckState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  live: true;
  ready: boolean;
  /** The service is shutting down: not ready, whatever the checks say. */
  stopping: boolean;
  checks: { database: CheckState; broker: CheckState };
}

const DATABASE_CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mqtt: MqttService,
    private readonly queue: AmqpIngestQueue,
    metrics: MetricsService,
  ) {
    const registers = [metrics.registry];
    const databaseState = () => this.databaseState();
    const brokerUp = () => this.brokerUp();
    new Gauge({
      name: 'dose_database_up',
      help: 'Whether the database answered a query at this scrape (1) or not (0)',
      registers,
      async collect() {
        this.set((await databaseState()) === 'up' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'dose_broker_up',
      help: 'Whether the service is connected to the broker, MQTT and AMQP where used (1) or not (0)',
      registers,
      collect() {
        this.set(brokerUp() ? 1 : 0);
      },
    });
  }

  /**
   * From the first shutdown signal on, readiness answers 503, so a load balancer sends nothing
   * new while in-flight work finishes (the HTTP server closes only after it).
   */
  beginShutdown(): void {
    this.stopping = true;
  }

  async report(): Promise<HealthReport> {
    const database = await this.databaseState();
    const broker: CheckState = this.brokerUp() ? 'up' : 'down';
    const ready = !this.stopping && database === 'up' && broker === 'up';
    return {
      status: ready ? 'ok' : 'unavailable',
      live: true,
      ready,
      stopping: this.stopping,
      checks: { database, broker },
    };
  }

  /** MQTT (alerts, and device messages unless they come from the AMQP queue) and the queue. */
  private brokerUp(): boolean {
    return this.mqtt.connected && (!this.queue.enabled || this.queue.connected);
  }

  private async databaseState(): Promise<CheckState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CheckState>((resolve) => {
      timer = setTimeout(() => resolve('down'), DATABASE_CHECK_TIMEOUT_MS);
    });
    const probe = this.dataSource.query('SELECT 1').then(
      (): CheckState => 'up',
      (): CheckState => 'down',
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
