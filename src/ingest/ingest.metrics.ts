import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

@Injectable()
export class IngestMetrics {
  readonly readings: Counter<'outcome'>;
  readonly exposures: Counter<'outcome'>;
  readonly batchSize: Histogram;
  readonly commitSeconds: Histogram;

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
  }
}
