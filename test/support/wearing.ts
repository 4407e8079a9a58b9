import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { countReadings } from './fixtures.js';
import type { Http } from './http.js';
import { eventually, publishJson } from './mqtt-publisher.js';
import { unique } from './rso-session.js';
import type { TestApp } from './test-app.js';

/** Creates a worker through the API; returns their id. */
export async function createWorker(rso: Http, body: Record<string, unknown>): Promise<string> {
  const reply = await rso.post<{ id: string }>('/api/v1/people', { kind: 'worker', ...body });
  if (reply.status !== 201) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

/**
 * Registers a badge (an extremity one on `side`) and assigns it to the person from `from` on,
 * in an apron or not (`apron`, unrecorded when absent); returns its serial.
 */
export async function wearBadge(
  rso: Http,
  personId: string,
  bodyLocation: string,
  from: string,
  serial = unique(bodyLocation.slice(0, 2).toUpperCase()),
  more: { side?: string; apron?: boolean } = {},
): Promise<string> {
  const { side, apron } = more;
  const badge = await rso.post('/api/v1/badges', { serial, bodyLocation, side });
  if (badge.status !== 201) throw new Error(`${badge.status} ${JSON.stringify(badge.body)}`);
  const assigned = await rso.post(`/api/v1/badges/${serial}/assignments`, {
    personId,
    from,
    apron,
  });
  if (assigned.status !== 201)
    throw new Error(`${assigned.status} ${JSON.stringify(assigned.body)}`);
  return serial;
}

/** Publishes the badge's readings as one batch and waits until all of them are stored. */
export async function publishReadings(
  service: TestApp,
  device: MqttClient,
  serial: string,
  readings: Record<string, unknown>[],
): Promise<void> {
  await publishJson(device, `${service.config.topicPrefix}/badges/${serial}/readings`, readings);
  const dataSource = service.app.get(DataSource);
  await eventually(async () =>
    (await countReadings(dataSource, serial)) === readings.length ? true : undefined,
  );
}
