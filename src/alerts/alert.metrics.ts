import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

@Injectable()
export class AlertMetrics {
  readonly published: Counter<'kind' | 'level'>;
  /** DESIGN.md §6: p99 under 1 s from a reading's arrival to its alert on MQTT. */
  readonly latencySeconds: Histogram;
  readonly evaluationSeconds: Histogram;
  readonly headroomSkips: Counter;
  readonly failures: Counter<'stage'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.published = new Counter({
      name: 'dose_alerts_published_total',
      help: 'Alerts raised or escalated and published, by kind and level',
      labelNames: ['kind', 'level'],
      registers,
    });
    this.latencySeconds = new Histogram({
      name: 'dose_alert_latency_seconds',
      help: "From a reading's arrival to its alert being handed to the MQTT client",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5],
      registers,
    });
    this.evaluationSeconds = new Histogram({
      name: 'dose_alert_evaluation_seconds',
      help: 'Duration of alert evaluations after ingestion commits',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.headroomSkips = new Counter({
      name: 'dose_alert_headroom_skips_total',
      help: 'People left out of a dose evaluation: their increases stayed within their headroom',
      registers,
    });
    this.failures = new Counter({
      name: 'dose_alert_failures_total',
      help: 'Alert evaluations or publications that failed (logged), by stage',
      labelNames: ['stage'],
      registers,
    });
  }
}
