import { MetricsService } from '../../src/metrics/metrics.service.js';
import type { TestApp } from './test-app.js';

/** The value of one sample of the service's metrics (`name` with its labels, if any). */
export async function metricValue(service: TestApp, sample: string): Promise<number> {
  const text = await service.app.get(MetricsService).registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  if (line === undefined) throw new Error(`no metric sample ${sample}`);
  return Number(line.slice(sample.length + 1));
}
