import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { AlertEvaluator } from '../../src/alerts/alert-evaluator.service.js';
import type { Http } from './http.js';
import { eventually, publishJson } from './mqtt-publisher.js';
import { DAY, iso } from './rso-session.js';
import type { TestApp } from './test-app.js';

/** A CT event of DESIGN.md §3.2, `daysAgo` before now; fields override. */
export function ctEvent(
  eventId: string,
  patientId: string,
  daysAgo: number,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventId,
    studyUid: `${eventId}.0`,
    patientId,
    performedAt: iso(Date.now() - daysAgo * DAY),
    modality: 'CT',
    bodyRegion: 'chest',
    patientAgeYears: 54,
    ctdiVol: 8.1,
    dlp: null,
    dap: null,
    referenceAirKerma: null,
    fluoroTimeS: null,
    effectiveDose: null,
    ...fields,
  };
}

/** A fluoroscopy (XA) event with air kerma (mGy) and DAP (Gy·cm²). */
export const fluoroEvent = (
  eventId: string,
  patientId: string,
  daysAgo: number,
  referenceAirKerma: number,
  dap: number,
): Record<string, unknown> =>
  ctEvent(eventId, patientId, daysAgo, {
    modality: 'XA',
    bodyRegion: 'abdomen',
    ctdiVol: null,
    referenceAirKerma,
    dap,
    fluoroTimeS: 600,
  });

/**
 * Registers a modality (DESIGN.md §7: the service takes events only from registered ones), as
 * the RSO does before it sends; a modality already registered is left as it is.
 */
export async function registerModality(rso: Http, id: string, kind = 'CT'): Promise<void> {
  const reply = await rso.post('/api/v1/modalities', { id, kind });
  if (reply.status !== 201 && reply.status !== 409)
    throw new Error(`registering modality ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/**
 * Publishes events (one message; an array if several) for the modality and waits until the
 * modality has `stored` events and every committed batch has been evaluated for alerts.
 */
export async function publishEvents(
  service: TestApp,
  device: MqttClient,
  modalityId: string,
  events: Record<string, unknown>[],
  stored: number,
): Promise<void> {
  const topic = `${service.config.topicPrefix}/modalities/${modalityId}/exposures`;
  await publishJson(device, topic, events.length === 1 ? events[0] : events);
  const dataSource = service.app.get(DataSource);
  await eventually(async () => {
    const [row] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM patient_exposure WHERE modality_id = $1`,
      [modalityId],
    );
    return row.n === stored ? true : undefined;
  });
  await service.app.get(AlertEvaluator).idle();
}
