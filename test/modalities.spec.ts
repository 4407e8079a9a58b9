import type { MqttClient } from 'mqtt';
import type { RejectedMessageDto } from '../src/ingest/dto/rejected-message.dto.js';
import type { ModalityDto } from '../src/modalities/dto/modality.dto.js';
import { ctEvent } from './support/exposure-events.js';
import type { Http } from './support/http.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { messages, startRsoSession, unique, type RsoSession } from './support/rso-session.js';

/**
 * The modality registry (DESIGN.md §7, §8): an RSO registers the modalities allowed to send
 * patient exposure events, and the service takes events from no other. Over the run's real
 * broker and Postgres.
 */
describe('modality registry', () => {
  let session: RsoSession;
  let rso: Http;
  let device: MqttClient;

  beforeAll(async () => {
    session = await startRsoSession();
    rso = session.rso;
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  it('registers a modality, lists it, and writes the audit log', async () => {
    const id = unique('CT');
    const aeTitle = unique('AE').slice(0, 11);
    const created = await rso.post<ModalityDto>('/api/v1/modalities', { id, aeTitle, kind: 'CT' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id, aeTitle, kind: 'CT', registeredAt: expect.any(String) });
    const listed = await rso.get<ModalityDto[]>('/api/v1/modalities');
    expect(listed.body).toContainEqual(created.body);
    expect(
      await session.sql(`SELECT actor, action, after FROM audit_log WHERE entity_id = $1`, [id]),
    ).toEqual([{ actor: session.rsoName, action: 'modality.create', after: created.body }]);
  });

  it('refuses a second registration of an id or AE title, bad fields, and anyone but an RSO', async () => {
    const id = unique('XA');
    const aeTitle = unique('AE').slice(0, 11);
    expect(
      (await rso.post('/api/v1/modalities', { id, aeTitle, kind: 'fluoroscopy' })).status,
    ).toBe(201);
    const again = await rso.post('/api/v1/modalities', { id, kind: 'CT' });
    expect([again.status, messages(again)]).toEqual([409, `Modality ${id} is already registered`]);
    const sameTitle = await rso.post('/api/v1/modalities', {
      id: unique('XA'),
      aeTitle,
      kind: 'CT',
    });
    expect([sameTitle.status, messages(sameTitle)]).toEqual([
      409,
      `AE title ${aeTitle} is already another modality's`,
    ]);
    const bad: [Record<string, unknown>, string][] = [
      [{ id: 'a/b', kind: 'CT' }, 'id must be 1-64 letters'],
      [{ id: 'CT-1', kind: 'x-ray' }, 'kind must be one of the following values'],
      [{ id: 'CT-1', kind: 'CT', aeTitle: 'BACK\\SLASH' }, 'aeTitle must be 1-16'],
      [{ id: 'CT-1', kind: 'CT', aeTitle: 'SEVENTEEN-CHARSXX' }, 'aeTitle must be 1-16'],
      [{ id: 'CT-1', kind: 'CT', aeTitle: ' PADDED' }, 'aeTitle must be 1-16'],
      [{ id: 'CT-1', kind: 'CT', extra: 1 }, 'property extra should not exist'],
    ];
    for (const [body, message] of bad) {
      const reply = await rso.post('/api/v1/modalities', body);
      expect([reply.status, messages(reply)]).toEqual([400, expect.stringContaining(message)]);
    }
    const technician = await session.technician.post('/api/v1/modalities', { id: 'T', kind: 'CT' });
    expect(technician.status).toBe(403);
    expect((await session.technician.get('/api/v1/modalities')).status).toBe(403);
    expect((await session.admin.get('/api/v1/modalities')).status).toBe(403);
  });

  it('rejects, redacted, and acknowledges events of an unregistered modality; takes them once registered', async () => {
    const id = unique('CT-NEW');
    const topic = `${session.service.config.topicPrefix}/modalities/${id}/exposures`;
    const patientId = unique('MRN-UNREGISTERED');
    const event = ctEvent('1.2.3.1', patientId, 1, { effectiveDose: 150 });
    // publishJson resolves on the PUBACK: acknowledged, though not taken.
    await publishJson(device, topic, event);
    const rejected = await eventually(async () => {
      const reply = await rso.get<RejectedMessageDto[]>('/api/v1/ingest/rejected?limit=500');
      return reply.body.find((row) => row.topic === topic);
    });
    expect(rejected).toMatchObject({
      reason: 'unregistered modality',
      redacted: true,
      payloadBytes: JSON.stringify(event).length,
    });
    expect(rejected.payload).not.toContain(patientId);
    const stored = () =>
      session.sql(`SELECT event_id FROM patient_exposure WHERE modality_id = $1`, [id]);
    expect(await stored()).toEqual([]);

    // Registered: the modality's next event is taken, without a restart.
    expect((await rso.post('/api/v1/modalities', { id, kind: 'CT' })).status).toBe(201);
    await publishJson(device, topic, event);
    await eventually(async () => ((await stored()).length > 0 ? true : undefined));
    expect(await stored()).toEqual([{ event_id: '1.2.3.1' }]);
  });
});
