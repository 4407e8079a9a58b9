import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import type { RejectedMessageDto } from '../src/ingest/dto/rejected-message.dto.js';
import { ctEvent, fluoroEvent, registerModality } from './support/exposure-events.js';
import type { Http } from './support/http.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { tablesContaining } from './support/table-scan.js';
import { unique } from './support/rso-session.js';
import { ServiceInstance } from './support/service-instance.js';
import { ServiceProcess } from './support/service-process.js';
import { TEST_ADMIN } from './support/test-app.js';
import { testDatabaseUrl, testMqttProtocol, testMqttUrl } from './support/test-env.js';

/**
 * DESIGN.md §3.3, §7: a raw patient id is never stored, logged or returned. The built service
 * runs as a process (its whole log captured) on the run's database and broker; events with raw
 * ids arrive valid, duplicated, partly invalid, broken, oversized, from an unregistered
 * modality, and malformed in every shape a gateway might send an id in; the RSO looks patients
 * up by raw id. Then every table of the database, as text (bytea as hex too), the rejected
 * store's answer and the log are searched for every raw id.
 */
describe('patient id pseudonymisation', () => {
  const tag = randomUUID().slice(0, 8);
  const raw = Array.from({ length: 6 }, (_, i) => `PRIV-MRN-${tag}-${i}`);
  const prefix = `privacy-${tag}/dose/v1`;
  const modality = unique('CT-PRIV');
  /** Malformed events in every shape, each with an id that contains this. */
  const shapeMarker = `MRN-${tag}-SHAPE`;
  /** A numeric MRN: digits only, so it is looked for on its own. */
  const numericMrn = `9${Date.now() % 1e10}${tag.replace(/\D/g, '').slice(0, 3)}`;
  let service: ServiceInstance;
  let dataSource: DataSource;
  let device: MqttClient;
  let rso: Http;

  beforeAll(async () => {
    service = await ServiceInstance.start({
      databaseUrl: testDatabaseUrl(),
      mqttUrl: testMqttUrl(),
      clientId: `privacy-${tag}`,
      shareGroup: `privacy-${tag}`,
      env: {
        MQTT_TOPIC_PREFIX: prefix,
        MQTT_PROTOCOL_VERSION: String(testMqttProtocol()),
        MQTT_SHARED_SUBSCRIPTION: String(testMqttProtocol() === 5),
      },
    });
    dataSource = await new DataSource({
      type: 'postgres',
      url: testDatabaseUrl(),
      poolSize: 2,
    }).initialize();
    device = await connectPublisher();
    const admin = await service.http.login(TEST_ADMIN.username, TEST_ADMIN.password);
    const username = unique('rso');
    await admin.post('/api/v1/users', {
      username,
      password: 'a-password-long-enough',
      role: 'rso',
    });
    rso = await service.http.login(username, 'a-password-long-enough');
    await registerModality(rso, modality);
  });
  afterAll(async () => {
    await device?.endAsync();
    await dataSource?.destroy();
    await ServiceProcess.killAll();
  });

  it('keeps a malformed event, in any shape, without its patient id (table scan, rejected store)', async () => {
    const shapes = malformedShapes(shapeMarker, numericMrn);
    const shapesModality = unique('CT-SHAPES');
    await registerModality(rso, shapesModality);
    const topic = `${prefix}/modalities/${shapesModality}/exposures`;
    // A valid event, but from a modality nobody registered (issue: a badge login forged one).
    const unregistered = `${prefix}/modalities/${unique('FORGED')}/exposures`;
    for (const { payload } of shapes) await publishJson(device, topic, payload);
    await publishJson(device, unregistered, ctEvent('u1', `${shapeMarker}-unregistered`, 1));
    // Each publish had its PUBACK: acknowledged, whatever became of it.

    const rejectedOn = async (onTopic: string) => {
      const reply = await rso.get<RejectedMessageDto[]>('/api/v1/ingest/rejected?limit=500');
      expect(reply.status).toBe(200);
      return reply.body.filter((row) => row.topic === onTopic);
    };
    const expected = shapes.reduce((sum, shape) => sum + shape.rejected, 0);
    await eventually(async () => {
      const rows = await rejectedOn(topic);
      const forged = await rejectedOn(unregistered);
      if (rows.length === expected && forged.length === 1) return true;
      throw new Error(`rejected so far: ${rows.length} + ${forged.length}`);
    });
    const [{ stored }] = await dataSource.query<{ stored: number }[]>(
      `SELECT count(*)::int AS stored FROM patient_exposure WHERE modality_id = $1`,
      [shapesModality],
    );
    expect(stored).toBe(shapes.reduce((sum, shape) => sum + shape.stored, 0));

    // No shape left its id in any table, nor in the rejected store's answer.
    for (const needle of [shapeMarker, numericMrn])
      expect({ needle, tables: await tablesContaining(dataSource, needle) }).toEqual({
        needle,
        tables: [],
      });
    const rows = await rejectedOn(topic);
    const [forged] = await rejectedOn(unregistered);
    const answer = JSON.stringify([...rows, forged]);
    expect(answer).not.toContain(shapeMarker);
    expect(answer).not.toContain(numericMrn);
    // The scan can find what it looks for: the modality id is stored.
    expect(await tablesContaining(dataSource, shapesModality)).toEqual(
      expect.arrayContaining(['patient_exposure', 'rejected_message']),
    );

    // What is kept: reason, size, and a skeleton with the shape and our own field names only.
    expect(forged).toMatchObject({ reason: 'unregistered modality', redacted: true });
    for (const row of [...rows, forged]) {
      expect(row).toMatchObject({ redacted: true, truncated: false });
      expect(row.reason).not.toBe('');
      expect(row.payloadBytes).toBeGreaterThan(0);
    }
    expect(rows.map((row) => row.reason)).toContain('payload is not valid JSON');
    const plain = JSON.parse(shapes[0].payload) as Record<string, unknown>;
    expect(rows.map((row) => row.payload)).toContain(JSON.stringify(skeletonOf(plain)));
  });

  it('keeps no raw id in any table or log line, and still finds the patient by it', async () => {
    const topic = `${prefix}/modalities/${modality}/exposures`;
    const valid = ctEvent('p1', raw[0], 3, { effectiveDose: 120 }); // a patientDose alert too
    await publishJson(device, topic, valid);
    await publishJson(device, topic, valid); // a repeat
    await publishJson(device, topic, [
      fluoroEvent('p2', raw[1], 2, 3100, 40),
      { ...ctEvent('p3', raw[2], 1), dlp: 'three hundred' }, // bad item
    ]);
    await publishJson(device, topic, `{"eventId":"p4","patientId":"${raw[3]}","dlp":`); // not JSON
    // Over MAX_PAYLOAD_BYTES (256 KiB): rejected unread, the kept prefix holds the id.
    await publishJson(
      device,
      topic,
      JSON.stringify({ ...ctEvent('p5', raw[4], 1), padding: 'x'.repeat(300_000) }),
    );
    await eventually(async () => {
      const [row] = await dataSource.query<{ events: number; rejected: number; alerts: number }[]>(
        `SELECT (SELECT count(*)::int FROM patient_exposure WHERE modality_id = $1) AS events,
                (SELECT count(*)::int FROM rejected_message WHERE topic = $2) AS rejected,
                (SELECT count(*)::int FROM alert a JOIN patient_exposure e ON e.person_id = a.person_id
                  WHERE e.modality_id = $1) AS alerts`,
        [modality, topic],
      );
      // Alerts: p1's 120 mSv is a patientDose warning over its lifetime and over the rolling
      // 5 years (≥ 100 mSv, DESIGN.md §5); p2's 3 100 mGy air kerma a patientSkin notice (≥ 3 Gy).
      if (row.events === 2 && row.rejected === 3 && row.alerts === 3) return true;
      throw new Error(`stored so far: ${JSON.stringify(row)}; service log:\n${service.log}`);
    });

    const found = await rso.post('/api/v1/patients/lookup', { patientId: raw[0] });
    expect(found.status).toBe(200);
    expect(found.body.effectiveDose.lifetime).toBe(120);
    const unknown = await rso.post('/api/v1/patients/lookup', { patientId: raw[5] });
    expect(unknown.status).toBe(404);
    for (const reply of [found, unknown]) expect(JSON.stringify(reply.body)).not.toContain(tag);
    expect({ exit: await service.stop(), log: service.log }).toMatchObject({ exit: 0 });

    // The search can find what it looks for: the modality id and the pseudonym are stored.
    expect(await tablesContaining(dataSource, modality)).toEqual(
      expect.arrayContaining(['patient_exposure', 'rejected_message']),
    );
    expect(await tablesContaining(dataSource, found.body.personId)).toContain('person');
    for (const id of raw) {
      expect({ id, tables: await tablesContaining(dataSource, id) }).toEqual({ id, tables: [] });
      expect(service.log).not.toContain(id);
    }
    expect(service.log).not.toContain(shapeMarker);
    expect(service.log).not.toContain(numericMrn);
    // Its log was read: it names the subscription (plain, or $share/... on MQTT 5).
    expect(service.log).toContain(`${prefix}/modalities/+/exposures`);
  });
});

/**
 * Malformed exposure messages carrying a patient id (each contains `marker`, or is `numeric`)
 * in the shapes a gateway might send, with how many rejections and stored events each makes.
 */
function malformedShapes(
  marker: string,
  numeric: string,
): { name: string; payload: string; rejected: number; stored: number }[] {
  const id = (name: string) => `${marker}-${name}`;
  // An event whose patientId is left out (JSON has no undefined), with other fields instead.
  const event = (eventId: string, fields: Record<string, unknown>) =>
    JSON.stringify({ ...ctEvent(eventId, 'x', 1), patientId: undefined, ...fields });
  const shapes = [
    ['plain patientId', JSON.stringify({ ...ctEvent('s1', id('plain'), 1), dlp: 'three hundred' })],
    ['nested', event('s2', { patient: { ids: { mrn: id('nested') } } })],
    ['single-quoted JSON', `{'eventId': 's3', 'patientId': '${id('quoted')}', 'modality': 'CT'}`],
    ['id in an array', event('s4', { patientId: [id('array')] })],
    ['id in an object', event('s5', { patientId: { system: 'MRN', value: id('object') } })],
    ['patient-id key', event('s6', { 'patient-id': id('dashed') })],
    ['mrn key', event('s7', { mrn: id('mrn') })],
    [
      'escaped key',
      `{"eventId":"s8","patient\\u0049d":"${id('escaped')}","modality":"CT","dlp":"x"}`,
    ],
    ['DICOM tag', JSON.stringify({ '00100020': { vr: 'LO', Value: [id('dicom')] } })],
    ['text', `Patient ${id('text')}, CT chest, DLP 310 mGy*cm`],
    ['id as a key', JSON.stringify({ [id('key')]: ctEvent('s9', id('key'), 1) })],
    ['numeric mrn', event('s10', { mrn: Number(numeric) })],
    ['id in another field', event('s11', { patientId: '', bodyRegion: `chest ${id('other')}` })],
    ['JSON cut inside the id', `{"eventId":"s12","patientId":"${id('cut')}`],
  ].map(([name, payload]) => ({ name, payload, rejected: 1, stored: 0 }));
  return [
    ...shapes,
    {
      name: 'array of bad events',
      payload: JSON.stringify([
        { ...ctEvent('s13', id('array-a'), 1), dlp: -1 },
        { ...ctEvent('s14', id('array-b'), 1), performedAt: 'yesterday' },
      ]),
      rejected: 2,
      stored: 0,
    },
    {
      name: 'a batch with one bad event among good ones',
      payload: JSON.stringify([
        ctEvent('s15', id('batch-good-1'), 1),
        { ...ctEvent('s16', id('batch-bad'), 1), ctdiVol: 'x' },
        ctEvent('s17', id('batch-good-2'), 1),
      ]),
      rejected: 1,
      stored: 2,
    },
  ];
}

/** The redacted skeleton of an event as the service keeps it: string and number values replaced. */
function skeletonOf(event: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(event).map(([key, value]) => [
      key,
      typeof value === 'string'
        ? `<string:${value.length}>`
        : typeof value === 'number'
          ? '<number>'
          : value,
    ]),
  );
}
