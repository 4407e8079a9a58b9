import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

@Injectable()
export class IngestMetrics {
  readonly readings: Counter<'outcome'>;
  readonly exposures: Counter<'outcome'>;
  readonly batchSize: Histogram;
  readonly commitSeconds: Histogram;
  readonly redelivered: Counter;
  /** What the lag gauge reads at each scrape: the oldest unacknowledged message's arrival. */
  private oldestUnacknowledgedAt: () => number | undefined = () => undefined;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.readings = new Counter({
      name: 'dose_ingest_readings_total',
      help: 'Badge readings by outcome: accepted, duplicate, unattributed (held); rejected counts every rejected item, events included',
      labelNames: ['outcome'],
      registers,
    });
    this.exposures = new Counter({
      name: 'dose_ingest_exposures_total',
      help: 'Patient exposure events by outcome: accepted, duplicate',
      labelNames: ['outcome'],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'dose_ingest_batch_messages',
      help: 'MQTT messages per ingestion transaction',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    });
    this.commitSeconds = new Histogram({
      name: 'dose_ingest_commit_seconds',
      help: 'Duration of ingestion transactions',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.redelivered = new Counter({
      name: 'dose_ingest_redelivered_total',
      help: 'Messages the AMQP queue delivered again: an earlier delivery was never acknowledged (a replica died or lost its connection)',
      registers,
    });
    const source = () => this.oldestUnacknowledgedAt();
    new Gauge({
      name: 'dose_ingest_lag_seconds',
      help: 'Age of the oldest MQTT message taken in and not yet committed and acknowledged (0: none)',
      registers,
      collect() {
        const oldest = source();
        this.set(oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
      },
    });
  }

  /** Where the lag gauge finds the oldest unacknowledged message (the consumer's lanes). */
  watchLag(oldestUnacknowledgedAt: () => number | undefined): void {
    this.oldestUnacknowledgedAt = oldestUnacknowledgedAt;
  }
}
