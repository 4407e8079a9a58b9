/**
 * DESIGN.md §3.4: the service sends a reading's (or a patient event's) PUBACK only after the
 * transaction holding it has committed. The broker here is an aedes instance of the test's own, so the test sees
 * every PUBACK the service sends ('ack' event); a lock on `reading` holds the commits back.
 */
import { Aedes } from 'aedes';
import type { MqttClient } from 'mqtt';
import net from 'node:net';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MqttService } from '../src/mqtt/mqtt.service.js';
import {
  DoseLedger,
  readingPayload,
  registerSeries,
  type LedgerReading,
} from './support/dose-ledger.js';
import { insertAssignment, insertBadge, insertModality, insertWorker } from './support/fixtures.js';
import { connectPublisher, eventually } from './support/mqtt-publisher.js';
import { seededRandom } from './support/random.js';
import { TableLock } from './support/table-lock.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseUrl } from './support/test-env.js';

/** How long a PUBACK that does not wait for the commit is given to show up. */
const ACK_WINDOW_MS = 1_000;
const CLIENT_ID = `puback-test-service-${process.pid}`;
const at = (seq: number) => new Date(Date.UTC(2026, 5, 1, 8, 0, seq));

interface Ack {
  /** Badge serial, or modality id for a patient event. */
  serial: string;
  /** Reading seq, or patient event id. */
  seq: number | string;
  /** Whether the lock on `reading` was still held when the PUBACK reached the broker. */
  lockHeld: boolean;
  /** Whether the reading was committed, asked the moment the PUBACK arrived. */
  committed: Promise<boolean>;
}

describe('PUBACK after commit (DESIGN.md §3.4)', () => {
  let broker: Aedes;
  let server: net.Server;
  let service: TestApp;
  let dataSource: DataSource;
  let device: MqttClient;
  let observer: pg.Pool;
  let lock: TableLock | undefined;
  const acks: Ack[] = [];
  const received = new Set<string>();
  const topic = (serial: string) => `${service.config.topicPrefix}/badges/${serial}/readings`;
  const serialOf = (name: string) => /\/badges\/([^/]+)\/readings$/.exec(name)?.[1] ?? '?';
  const modalityOf = (name: string) => /\/modalities\/([^/]+)\/exposures$/.exec(name)?.[1];

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = net.createServer((socket) => broker.handle(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    // Connections opened up front, so the check at each PUBACK starts at once.
    observer = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4, idleTimeoutMillis: 0 });
    await Promise.all([1, 2, 3, 4].map(() => observer.query('SELECT 1')));
    broker.on('ack', (packet, client) => {
      if (client?.id !== CLIENT_ID) return;
      const publish = packet && 'topic' in packet ? packet : undefined;
      const body = publish ? (JSON.parse(String(publish.payload)) as Record<string, unknown>) : {};
      const modality = publish ? modalityOf(publish.topic) : undefined;
      // A reading is keyed by (badge, seq), a patient event by (modality, eventId).
      const [serial, seq] = modality
        ? [modality, String(body.eventId)]
        : [publish ? serialOf(publish.topic) : '?', Number(body.seq ?? -1)];
      const committed = observer
        .query<{ found: boolean }>(
          modality
            ? 'SELECT EXISTS (SELECT 1 FROM patient_exposure WHERE modality_id = $1 AND event_id = $2) AS found'
            : 'SELECT EXISTS (SELECT 1 FROM reading WHERE badge_serial = $1 AND seq = $2) AS found',
          [serial, seq],
        )
        .then(({ rows }) => rows[0].found);
      acks.push({ serial, seq, lockHeld: lock?.held ?? false, committed });
    });
    const subscribed = new Promise<void>((resolve) =>
      broker.on('subscribe', (_subscriptions, client) => {
        if (client.id === CLIENT_ID) resolve();
      }),
    );
    // aedes speaks MQTT 3.1.1 and has no shared subscriptions.
    service = await startTestApp(
      { MQTT_CLIENT_ID: CLIENT_ID },
      { mqttUrl: url, mqttProtocolVersion: 4, sharedSubscription: false },
    );
    await subscribed;
    service.app.get(MqttService).client.on('packetreceive', (packet) => {
      if (packet.cmd !== 'publish') return;
      const { seq } = JSON.parse(String(packet.payload)) as { seq: number };
      received.add(`${serialOf(packet.topic)}#${seq}`);
    });
    dataSource = service.app.get(DataSource);
    device = await connectPublisher(url, { protocolVersion: 4 });
  });

  // A failed test must not leave the lock to the next one.
  afterEach(() => lock?.release());

  afterAll(async () => {
    await device?.endAsync();
    await service?.close();
    await observer?.end();
    await new Promise<void>((resolve) => (broker ? broker.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  /** A trunk badge worn by a new person, and its readings (registers in nSv). */
  async function badgeWithReadings(count: number, seed: number) {
    const person = await insertWorker(dataSource);
    const serial = await insertBadge(dataSource, 'trunk');
    await insertAssignment(dataSource, serial, person);
    const ledger = new DoseLedger();
    ledger.addBadge(serial, person);
    const readings = registerSeries(seededRandom(seed), count, 0.2).map((hp10Nsv, i) => ({
      serial,
      seq: i + 1,
      hp10Nsv,
      measuredAt: at(i + 1),
    }));
    return { serial, ledger, readings };
  }

  async function publish(ledger: DoseLedger, reading: LedgerReading) {
    await device.publishAsync(topic(reading.serial), readingPayload(reading), { qos: 1 });
    ledger.record(reading);
  }

  const allReceived = (serial: string, seqs: number[]) =>
    eventually(() =>
      Promise.resolve(seqs.every((seq) => received.has(`${serial}#${seq}`)) ? true : undefined),
    );
  const waiterOnLock = () =>
    eventually(async () => ((await lock!.waiters()) > 0 ? true : undefined));
  const storedWhileLocked = async (serial: string) =>
    (
      await lock!.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM reading WHERE badge_serial = $1',
        [serial],
      )
    )[0].n;

  /** After release: every reading acknowledged, and each PUBACK found its reading committed. */
  async function expectAcknowledgedAfterCommit(serial: string, seqs: (number | string)[]) {
    await eventually(() => {
      const acked = new Set(acks.filter((a) => a.serial === serial).map((a) => a.seq));
      return Promise.resolve(seqs.every((seq) => acked.has(seq)) ? true : undefined);
    });
    expect(acks.filter((a) => a.lockHeld)).toEqual([]); // of any message, ever
    const mine = acks.filter((a) => a.serial === serial);
    expect(await Promise.all(mine.map((a) => a.committed))).toEqual(mine.map(() => true));
  }

  it('does not acknowledge a reading whose transaction cannot commit', async () => {
    const { serial, ledger, readings } = await badgeWithReadings(1, 1);
    lock = await TableLock.take(testDatabaseUrl(), 'reading');
    const acksBefore = acks.length;
    await publish(ledger, readings[0]);
    await allReceived(serial, [1]);
    await waiterOnLock();
    await new Promise((resolve) => setTimeout(resolve, ACK_WINDOW_MS));
    expect(acks.slice(acksBefore)).toEqual([]);
    expect(await storedWhileLocked(serial)).toBe(0);

    await lock.release();
    await expectAcknowledgedAfterCommit(serial, [1]);
    const check = await ledger.check(dataSource);
    console.log(`single reading: ${check.summary}`);
    expect(check).toMatchObject({ counted: 1, lost: 0, duplicated: 0, wrongTotals: [] });
  });

  it('acknowledges a batch of several messages only after the batch commits', async () => {
    const { serial, ledger, readings } = await badgeWithReadings(12, 2);
    const seqs = readings.map((r) => r.seq);
    lock = await TableLock.take(testDatabaseUrl(), 'reading');
    const acksBefore = acks.length;
    // The first commits block on the lock; the rest queue up behind them in one batch.
    for (const reading of readings.slice(0, 2)) await publish(ledger, reading);
    await waiterOnLock();
    await Promise.all(readings.slice(2).map((reading) => publish(ledger, reading)));
    await allReceived(serial, seqs);
    await new Promise((resolve) => setTimeout(resolve, ACK_WINDOW_MS));
    expect(acks.slice(acksBefore)).toEqual([]);
    expect(await storedWhileLocked(serial)).toBe(0);

    await lock.release();
    await expectAcknowledgedAfterCommit(serial, seqs);
    // Rows inserted by one transaction share its xmin: fewer transactions than messages.
    const [{ transactions }] = await dataSource.query<{ transactions: number }[]>(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM reading WHERE badge_serial = $1`,
      [serial],
    );
    console.log(`${seqs.length} messages committed in ${transactions} transactions`);
    expect(transactions).toBeLessThan(seqs.length);
    const check = await ledger.check(dataSource);
    console.log(`batch: ${check.summary}`);
    expect(check).toMatchObject({ counted: seqs.length, lost: 0, duplicated: 0, wrongTotals: [] });
    expect(check.wrongIncrements).toBe(0);
  });

  it('acknowledges a patient exposure event only after it commits', async () => {
    const modality = await insertModality(dataSource, `MOD-${process.pid}`);
    const event = {
      eventId: '1.2.3.4',
      patientId: 'MRN-PUBACK',
      performedAt: at(1).toISOString(),
      modality: 'CT',
      bodyRegion: 'chest',
      patientAgeYears: 40,
      dlp: 100,
    };
    lock = await TableLock.take(testDatabaseUrl(), 'patient_exposure');
    const acksBefore = acks.length;
    await device.publishAsync(
      `${service.config.topicPrefix}/modalities/${modality}/exposures`,
      JSON.stringify(event),
      { qos: 1 },
    );
    await waiterOnLock();
    await new Promise((resolve) => setTimeout(resolve, ACK_WINDOW_MS));
    expect(acks.slice(acksBefore)).toEqual([]);

    await lock.release();
    await expectAcknowledgedAfterCommit(modality, ['1.2.3.4']);
  });
});
