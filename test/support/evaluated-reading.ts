import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { AlertEvaluator } from '../../src/alerts/alert-evaluator.service.js';
import { countReadings, withinLastMinute } from './fixtures.js';
import { metricValue } from './metrics.js';
import { eventually, publishJson } from './mqtt-publisher.js';
import type { TestApp } from './test-app.js';

const EVALUATIONS = 'dose_alert_evaluation_seconds_count';

/**
 * Publishes a badge's reading `seq` (measured `seq` seconds after a minute ago, with `fields`)
 * and waits until it is committed and evaluated: an evaluation has run since, and none is
 * running or pending.
 */
export async function publishEvaluated(
  service: TestApp,
  device: MqttClient,
  serial: string,
  seq: number,
  fields: Record<string, unknown>,
): Promise<void> {
  const dataSource = service.app.get(DataSource);
  const readings = await countReadings(dataSource, serial);
  const evaluations = await metricValue(service, EVALUATIONS);
  await publishJson(device, `${service.config.topicPrefix}/badges/${serial}/readings`, {
    seq,
    measuredAt: withinLastMinute(seq),
    ...fields,
  });
  await eventually(async () =>
    (await countReadings(dataSource, serial)) > readings ? true : undefined,
  );
  await eventually(async () =>
    (await metricValue(service, EVALUATIONS)) > evaluations ? true : undefined,
  );
  await service.app.get(AlertEvaluator).idle();
}
