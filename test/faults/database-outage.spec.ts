/**
 * DESIGN.md §3.4 under a database outage: the test's own Postgres (an EmbeddedPostgres in a
 * temp folder, not the machine's shared server) is stopped for 10 s in the middle of a
 * stream of badge readings, then started again on the same port. The built service (a
 * process, on a real Mosquitto with the shipped config) must stay up, answer /health with
 * 503 and `database: down` while the database is gone, acknowledge no message before the
 * transaction holding it has committed, and, once the database is back, count every
 * reading exactly once (DoseLedger: no loss, no duplicate, exact totals) and be ready again.
 *
 * "No PUBACK before its commit" is observed on the wire: the service reaches the broker
 * through a TCP tap in this test that reads the MQTT packets both ways, maps each PUBACK
 * the service sends to the PUBLISH it acknowledges, and notes when it passed. A reading's
 * row carries `received_at = now()`, the start of the transaction that stored it, so a
 * PUBACK seen before that instant was sent before its commit. Readings that arrive during
 * the outage can only be committed after the restart: a PUBACK for one of them during the
 * outage is caught by exactly this comparison.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { DoseLedger } from '../support/dose-ledger.js';
import { wearTrunkBadges } from '../support/fixtures.js';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';
import { eventually } from '../support/mqtt-publisher.js';
import { runSeed } from '../support/random.js';
import { publishPlan, readingPlan } from '../support/reading-stream.js';
import { ServiceInstance } from '../support/service-instance.js';
import { ServiceProcess } from '../support/service-process.js';

const TIMEOUT_MS = 300_000;
/** Only against hangs: how long recovery and storing the backlog may take. */
const SETTLE_MS = 120_000;
const OUTAGE_MS = 10_000;
const PREFIX = 'dose/v1';
const SERVICE_USER = 'dose-service';
const BADGES = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Ack {
  at: number;
  topic?: string;
  payload?: Buffer;
}

/**
 * A TCP relay between the service and the broker that decodes MQTT packets: QoS 1 PUBLISH
 * packets towards the service and the PUBACKs it sends back (packet ids per connection).
 */
class PubackTap {
  readonly acks: Ack[] = [];
  /** Times at which QoS 1 PUBLISH packets reached the service. */
  readonly deliveries: number[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(upstreamPort: number): Promise<PubackTap> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const tap = new PubackTap(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (down) => tap.relay(down, upstreamPort));
    return tap;
  }

  private relay(down: net.Socket, upstreamPort: number): void {
    const up = net.connect(upstreamPort, '127.0.0.1');
    const unacknowledged = new Map<number, { topic: string; payload: Buffer }>();
    let version = 4;
    const fromService = packetReader((type, _flags, body) => {
      if (type === 1) version = body[6]; // CONNECT: protocol name (6 bytes), then level
      if (type !== 4) return; // PUBACK
      const id = body.readUInt16BE(0);
      const delivered = unacknowledged.get(id);
      unacknowledged.delete(id);
      this.acks.push({ at: Date.now(), ...delivered });
    });
    const fromBroker = packetReader((type, flags, body) => {
      if (type !== 3 || ((flags >> 1) & 3) === 0) return; // QoS 1/2 PUBLISH only
      const topicLength = body.readUInt16BE(0);
      const topic = body.toString('utf8', 2, 2 + topicLength);
      let offset = 2 + topicLength;
      const id = body.readUInt16BE(offset);
      offset += 2;
      if (version === 5) {
        const [propertiesLength, lengthBytes] = variableInteger(body, offset);
        offset += lengthBytes + propertiesLength;
      }
      unacknowledged.set(id, { topic, payload: Buffer.from(body.subarray(offset)) });
      this.deliveries.push(Date.now());
    });
    // Decoded before forwarding: a PUBLISH is known before the service can acknowledge it.
    down.on('data', (chunk: Buffer) => {
      fromService(chunk);
      up.write(chunk);
    });
    up.on('data', (chunk: Buffer) => {
      fromBroker(chunk);
      down.write(chunk);
    });
    for (const [socket, other] of [
      [down, up],
      [up, down],
    ] as const) {
      this.sockets.add(socket);
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        other.destroy();
      });
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Splits a byte stream into MQTT control packets: (type, flags, body after the fixed header). */
function packetReader(
  onPacket: (type: number, flags: number, body: Buffer) => void,
): (chunk: Buffer) => void {
  let buffer: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (buffer.length < 2) return;
      let length = 0;
      let multiplier = 1;
      let i = 1;
      for (;;) {
        if (i >= buffer.length) return;
        const byte = buffer[i++];
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if ((byte & 0x80) === 0) break;
      }
      if (buffer.length < i + length) return;
      onPacket(buffer[0] >> 4, buffer[0] & 0x0f, buffer.subarray(i, i + length));
      buffer = buffer.subarray(i + length);
    }
  };
}

/** An MQTT variable byte integer at offset: [value, bytes it took]. */
function variableInteger(buffer: Buffer, offset: number): [number, number] {
  let value = 0;
  let multiplier = 1;
  let i = offset;
  for (;;) {
    const byte = buffer[i++];
    value += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) return [value, i - offset];
  }
}

describe('a 10 s database outage mid-stream (DESIGN.md §3.4)', () => {
  const password = randomBytes(12).toString('hex');
  const postgresPassword = randomBytes(12).toString('hex');
  const tag = randomUUID().slice(0, 6);
  const serials = Array.from({ length: BADGES }, (_, i) => `OUTAGE-${tag}-${i}`);
  let dataRoot: string;
  let postgres: EmbeddedPostgres | undefined;
  let broker: RunningMosquitto | undefined;
  let tap: PubackTap | undefined;
  let service: ServiceInstance;
  let dataSource: DataSource | undefined;
  const devices = new Map<string, MqttClient>();

  const openDataSource = async (): Promise<DataSource> => {
    const source = new DataSource({ type: 'postgres', url: postgres!.url, poolSize: 2 });
    await source.initialize();
    return source;
  };

  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), 'dose-outage-pg-'));
    postgres = await EmbeddedPostgres.start(dataRoot, postgresPassword);
    broker = await startMosquitto({
      users: Object.fromEntries([SERVICE_USER, ...serials].map((user) => [user, password])),
    });
    tap = await PubackTap.start(broker.port);
    service = await ServiceInstance.start({
      databaseUrl: postgres.url,
      mqttUrl: `mqtt://${SERVICE_USER}:${password}@127.0.0.1:${tap.port}`,
      clientId: `outage-service-${tag}`,
    });
    dataSource = await openDataSource();
    for (const serial of serials) {
      devices.set(
        serial,
        await mqtt.connectAsync(broker.url, {
          clientId: `${serial}-device`,
          username: serial,
          password,
          protocolVersion: 5,
          reconnectPeriod: 500,
        }),
      );
    }
  }, TIMEOUT_MS);

  afterAll(async () => {
    const steps: (() => Promise<unknown>)[] = [
      () => ServiceProcess.killAll(),
      () => Promise.all([...devices.values()].map((client) => client.endAsync(true))),
      async () => (dataSource?.isInitialized ? dataSource.destroy() : undefined),
      async () => tap?.close(),
      async () => broker?.dispose(),
      async () => postgres?.stop(),
      async () => (dataRoot ? rm(dataRoot, { recursive: true, force: true }) : undefined),
    ];
    for (const step of steps) await step().catch((error) => console.error(error));
  }, TIMEOUT_MS);

  it(
    'the service stays up and not ready, acknowledges nothing uncommitted, and counts everything once after',
    async () => {
      const { random } = runSeed();
      const ledger = new DoseLedger();
      await wearTrunkBadges(dataSource!, ledger, serials);
      // No repeats: each (badge, seq) is published once, so each PUBACK maps to one row.
      const plan = readingPlan(random, serials, {
        readingsPerBadge: 4_000,
        outOfOrder: 0.05,
        reset: 0.01,
      });
      const storedReadings = async (source: DataSource) =>
        (
          await source.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM reading WHERE badge_serial = ANY($1::text[])`,
            [serials],
          )
        )[0].n;

      let failed = false;
      let resumed = false;
      let sentAtResume = 0;
      const stream = publishPlan(plan, ledger, {
        topicPrefix: PREFIX,
        clientFor: (serial) => devices.get(serial)!,
        groupSize: 5,
        pauseMs: 5,
        stop: () => failed || (resumed && ledger.messagesSent >= sentAtResume + 2_000),
      });

      const health: { at: number; status: number; database?: string; live?: boolean }[] = [];
      let downAt = 0;
      let upAt = 0;
      let sentBefore: number;
      let storedBefore: number;
      let diedDuringOutage = false;
      try {
        // The stream is flowing and the service is committing it.
        await eventually(
          async () =>
            ledger.messagesSent >= 3_000 && (await storedReadings(dataSource!)) > 0
              ? true
              : undefined,
          SETTLE_MS,
        );
        // The test's own connections would die with the server: close them first.
        await dataSource!.destroy();
        sentBefore = ledger.messagesSent;
        await postgres!.stop(); // fast shutdown: open transactions roll back, sessions end
        downAt = Date.now();
        while (Date.now() < downAt + OUTAGE_MS) {
          const reply = await service.http.get<{
            live?: boolean;
            checks?: { database?: string };
          }>('/health');
          health.push({
            at: Date.now(),
            status: reply.status,
            database: reply.body?.checks?.database,
            live: reply.body?.live,
          });
          if (!service.running) diedDuringOutage = true;
          await sleep(500);
        }
        upAt = Date.now();
        const port = Number(new URL(postgres!.url).port);
        postgres = await EmbeddedPostgres.start(dataRoot, postgresPassword, { port });
        sentAtResume = ledger.messagesSent;
        resumed = true;
        dataSource = await openDataSource();
        storedBefore = await storedReadings(dataSource);
      } catch (error) {
        failed = true;
        await stream.catch(() => undefined);
        throw error;
      }
      const ready = await eventually(async () => {
        const reply = await service.http.get('/health');
        return reply.status === 200 ? true : undefined;
      }, SETTLE_MS).catch(() => false);
      await stream;
      await eventually(
        async () => ((await storedReadings(dataSource!)) >= ledger.distinctSent ? true : undefined),
        SETTLE_MS,
      ).catch(() => undefined); // the ledger check below says what is missing
      // Let the last PUBACKs pass the tap before reading its record.
      await sleep(1_000);

      const check = await ledger.check(dataSource);
      const rows = await dataSource.query<{ serial: string; seq: string; ms: string }[]>(
        `SELECT badge_serial AS serial, seq::text AS seq,
                floor(extract(epoch FROM received_at) * 1000)::bigint::text AS ms
           FROM reading WHERE badge_serial = ANY($1::text[])`,
        [serials],
      );
      const transactionStart = new Map(rows.map((r) => [`${r.serial}#${r.seq}`, Number(r.ms)]));
      const acks = tap!.acks;
      const unmatched = acks.filter((ack) => ack.topic === undefined).length;
      const early: string[] = [];
      for (const ack of acks) {
        if (ack.topic === undefined || ack.payload === undefined) continue;
        const serial = ack.topic.split('/')[3];
        const { seq } = JSON.parse(ack.payload.toString('utf8')) as { seq: number };
        const started = transactionStart.get(`${serial}#${seq}`);
        if (started === undefined || started > ack.at)
          early.push(
            `${serial}#${seq} acknowledged at ${new Date(ack.at).toISOString()}, ` +
              (started === undefined
                ? 'never stored'
                : `its transaction began ${new Date(started).toISOString()}`),
          );
      }
      const during = (times: number[]) => times.filter((t) => t >= downAt && t < upAt).length;
      const acksDuringOutage = during(acks.map((ack) => ack.at));
      const deliveriesDuringOutage = during(tap!.deliveries);
      console.log(
        `before the outage: ${sentBefore} readings published; during it (${upAt - downAt} ms): ` +
          `${sentAtResume - sentBefore} published, ${deliveriesDuringOutage} delivered to the ` +
          `service, ${acksDuringOutage} PUBACKs from it (each checked against its commit); ` +
          `stored right after the restart: ${storedBefore}\n` +
          `/health during the outage: ${health.map((h) => `${h.status}/${h.database}`).join(' ')}\n` +
          `PUBACKs seen ${acks.length} (unmatched ${unmatched}), sent before their commit ${early.length}\n` +
          `after the outage: ${check.summary}`,
      );
      if (!service.running || early.length > 0)
        console.log(`service log (tail):\n${service.log.slice(-4000)}`);

      // Stays up, and says it is not ready while the database is gone.
      expect(diedDuringOutage).toBe(false);
      expect(service.running).toBe(true);
      expect(health.length).toBeGreaterThan(0);
      expect(health.filter((h) => h.status !== 503 || h.database !== 'down' || !h.live)).toEqual(
        [],
      );
      // The outage fell in the middle of the stream: readings reached the service meanwhile.
      expect(sentAtResume).toBeGreaterThan(sentBefore);
      expect(deliveriesDuringOutage).toBeGreaterThan(0);
      // No PUBACK before its commit.
      expect(unmatched).toBe(0);
      expect(early.slice(0, 10)).toEqual([]);
      // Everything counted once, totals exact, ready again.
      expect(check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, wrongIncrements: 0 });
      expect(check.counted).toBe(ledger.distinctSent);
      expect(check.wrongTotals).toEqual([]);
      expect(acks.length).toBe(ledger.messagesSent);
      expect(ready).toBe(true);
    },
    TIMEOUT_MS,
  );
});
