import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { ctEvent, fluoroEvent } from './support/exposure-events.js';
import type { Http } from './support/http.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { unique } from './support/rso-session.js';
import { ServiceInstance } from './support/service-instance.js';
import { ServiceProcess } from './support/service-process.js';
import { TEST_ADMIN } from './support/test-app.js';
import { testDatabaseUrl, testMqttProtocol, testMqttUrl } from './support/test-env.js';

/**
 * DESIGN.md §7: a raw patient id is never stored, logged or returned. The built service runs as
 * a process (its whole log captured) on the run's database and broker; events with raw ids
 * arrive valid, duplicated, partly invalid, broken and oversized, and the RSO looks patients
 * up by raw id. Then every table of the database, as text (bytea as hex too), and the log are
 * searched for every raw id.
 */
describe('patient id pseudonymisation', () => {
  const tag = randomUUID().slice(0, 8);
  const raw = Array.from({ length: 6 }, (_, i) => `PRIV-MRN-${tag}-${i}`);
  const prefix = `privacy-${tag}/dose/v1`;
  const modality = unique('CT-PRIV');
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
  });
  afterAll(async () => {
    await device?.endAsync();
    await dataSource?.destroy();
    await ServiceProcess.killAll();
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
      if (row.events === 2 && row.rejected === 3 && row.alerts === 2) return true;
      throw new Error(`stored so far: ${JSON.stringify(row)}; service log:\n${service.log}`);
    });

    const found = await rso.get(`/api/v1/patients/exposure?patientId=${raw[0]}`);
    expect(found.status).toBe(200);
    expect(found.body.effectiveDose.lifetime).toBe(120);
    const unknown = await rso.get(`/api/v1/patients/exposure?patientId=${raw[5]}`);
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
    // Its log was read: it names the subscription (plain, or $share/... on MQTT 5).
    expect(service.log).toContain(`${prefix}/modalities/+/exposures`);
  });
});

/** Every table in the public schema with a row whose text (or a bytea column's hex) holds `needle`. */
async function tablesContaining(dataSource: DataSource, needle: string): Promise<string[]> {
  const tables = await dataSource.query<{ name: string }[]>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const hex = Buffer.from(needle, 'utf8').toString('hex');
  const found: string[] = [];
  for (const { name } of tables) {
    const [row] = await dataSource.query<{ hit: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM ${name} t
                       WHERE strpos(t::text, $1) > 0 OR strpos(lower(t::text), $2) > 0) AS hit`,
      [needle, hex],
    );
    if (row.hit) found.push(name);
  }
  return found;
}
