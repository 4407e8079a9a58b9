/**
 * DESIGN.md §3.3: "Nothing a device sends can crash the service or be silently lost."
 * 100 000 generated bad messages (random bytes, wrong types, huge and non-finite numbers,
 * deep nesting, oversize payloads, odd unicode in serials, SQL and `__proto__` keys) are
 * interleaved with valid readings and published QoS 1 through a real Mosquitto (the shipped
 * config) to the built service running as a process on a scratch database. The service
 * must stay up with bounded memory, store each bad message (each bad item of an array) in
 * `rejected_message`, and count every valid reading exactly once.
 *
 * The messages come from a seeded PRNG: replay a failure with TEST_SEED=<seed>.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import mqtt, { type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { DoseLedger, readingPayload, type LedgerReading } from '../support/dose-ledger.js';
import { wearTrunkBadges } from '../support/fixtures.js';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';
import { eventually } from '../support/mqtt-publisher.js';
import { runSeed } from '../support/random.js';
import { readingPlan } from '../support/reading-stream.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { ServiceInstance } from '../support/service-instance.js';
import { ServiceProcess } from '../support/service-process.js';

const TIMEOUT_MS = 300_000;
/** Only against hangs: how long the service may take to store what the broker accepted. */
const SETTLE_MS = 150_000;
const PREFIX = 'dose/v1';
const BAD_MESSAGES = 100_000;
const BADGES = 8;
const READINGS_PER_BADGE = 2_500;
/** The service's MAX_PAYLOAD_BYTES default (256 KiB) and the broker's max_packet_size (1 MiB). */
const SERVICE_CAP = 256 * 1024;
const BROKER_CAP = 1024 * 1024;
/** QoS 1 messages in flight from the test's gateway connection. */
const WINDOW = 500;
/**
 * Peak resident memory allowed to the service (VmHWM). A Nest process with its pools idles
 * near 150 MB. The ingest backlog is bounded by MAX_BACKLOG (50 000 messages) and the broker
 * may have 20 000 in flight to it; small messages are a few hundred bytes (≈ 25 MB even if
 * all were held at once, several times that as JS objects), and oversize messages (≤ 1 MiB)
 * are 0.3 % of the stream. 600 MB leaves room for all of that plus GC slack, while an
 * unbounded buffer (e.g. the whole 100 000-message stream, ≈ 250 MB of payload plus its
 * objects, or a retry loop that accumulates) would go past it.
 */
const MAX_SERVICE_HWM_BYTES = 600 * 1024 * 1024;

const GATEWAY = 'hostile-gateway';
const SERVICE_USER = 'dose-service';

interface Outgoing {
  topic: string;
  payload: Buffer;
  /** Rows this message must add to rejected_message. */
  rejections: number;
  /** Valid readings it carries (recorded in the ledger once the broker acknowledged it). */
  readings: LedgerReading[];
  kind: string;
}

describe('hostile payloads (DESIGN.md §3.3)', () => {
  let broker: RunningMosquitto;
  let database: ScratchDatabase | undefined;
  let dataSource: DataSource | undefined;
  let service: ServiceInstance;
  let gateway: MqttClient | undefined;
  const password = randomBytes(12).toString('hex');
  const tag = randomUUID().slice(0, 6);
  const serials = Array.from({ length: BADGES }, (_, i) => `HOSTILE-${tag}-${i}`);

  beforeAll(async () => {
    // A gateway that may write every badge's readings topic: the shipped ACL lets a badge
    // write only its own topic, and most hostile serials have no broker user.
    broker = await startMosquitto({
      users: { [SERVICE_USER]: password, [GATEWAY]: password },
      extraAcl: `user ${GATEWAY}\ntopic write ${PREFIX}/badges/+/readings`,
    });
    database = await createScratchDatabase(`hostile_${tag}`);
    dataSource = new DataSource({ type: 'postgres', url: database.url, poolSize: 2 });
    await dataSource.initialize();
    service = await ServiceInstance.start({
      databaseUrl: database.url,
      mqttUrl: `mqtt://${SERVICE_USER}:${password}@127.0.0.1:${broker.port}`,
      clientId: `hostile-service-${tag}`,
    });
    gateway = await mqtt.connectAsync(broker.url, {
      clientId: `${GATEWAY}-${tag}`,
      username: GATEWAY,
      password,
      protocolVersion: 5,
      reconnectPeriod: 500,
    });
  }, TIMEOUT_MS);

  afterAll(async () => {
    const steps: (() => Promise<unknown>)[] = [
      () => ServiceProcess.killAll(),
      async () => gateway?.endAsync(true),
      async () => (dataSource?.isInitialized ? dataSource.destroy() : undefined),
      async () => broker?.dispose(),
      async () => database?.drop(),
    ];
    for (const step of steps) await step().catch((error) => console.error(error));
  }, TIMEOUT_MS);

  it(
    `${BAD_MESSAGES} bad messages among valid readings: the service stays up, every bad one is rejected, every reading counted`,
    async () => {
      const { random } = runSeed();
      const ledger = new DoseLedger();
      await wearTrunkBadges(dataSource!, ledger, serials);
      const plan = readingPlan(random, serials, {
        readingsPerBadge: READINGS_PER_BADGE,
        outOfOrder: 0.02,
        repeat: 0.01,
      });
      const pid = service.pid!;
      const messages = hostileStream(random, plan, BAD_MESSAGES);
      const hwmAtStart = await vmHwmBytes(pid);

      let expectedRejections = 0;
      let badSent = 0;
      const byKind = new Map<string, number>();
      const failures: string[] = [];
      let hwmDuringStream = 0;
      const sampler = setInterval(() => {
        void vmHwmBytes(pid).then((bytes) => (hwmDuringStream = Math.max(hwmDuringStream, bytes)));
      }, 500);
      const started = Date.now();
      try {
        await publishWindowed(gateway!, messages, WINDOW, (message, error) => {
          if (error) {
            failures.push(`${message.kind} on ${JSON.stringify(message.topic)}: ${error.message}`);
            return;
          }
          for (const reading of message.readings) ledger.record(reading);
          expectedRejections += message.rejections;
          if (message.rejections > 0) {
            badSent += 1;
            byKind.set(message.kind, (byKind.get(message.kind) ?? 0) + 1);
          }
        });
      } finally {
        clearInterval(sampler);
      }
      console.log(
        `published in ${Date.now() - started} ms: ${badSent} bad messages (${expectedRejections} ` +
          `rejections expected), ${ledger.messagesSent} valid readings ` +
          `(${ledger.distinctSent} distinct); by kind: ${JSON.stringify(Object.fromEntries(byKind))}`,
      );
      expect(failures.slice(0, 10)).toEqual([]);
      expect(badSent).toBeGreaterThanOrEqual(BAD_MESSAGES);

      // Waits (against hangs only) until everything the broker accepted is stored.
      const rejectedCount = async () =>
        (
          await dataSource!.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM rejected_message`,
          )
        )[0].n;
      const storedReadings = async () =>
        (
          await dataSource!.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM reading WHERE badge_serial = ANY($1::text[])`,
            [serials],
          )
        )[0].n;
      await eventually(
        async () =>
          !service.running ||
          ((await rejectedCount()) >= expectedRejections &&
            (await storedReadings()) >= ledger.distinctSent)
            ? true
            : undefined,
        SETTLE_MS,
      ).catch(() => undefined); // the assertions below say what is missing

      const alive = service.running;
      const hwm = alive ? await vmHwmBytes(pid) : hwmDuringStream;
      const rejected = await rejectedCount();
      const reasons = await dataSource!.query<{ reason: string; n: number }[]>(
        `SELECT left(reason, 60) AS reason, count(*)::int AS n FROM rejected_message
          GROUP BY 1 ORDER BY 2 DESC LIMIT 12`,
      );
      const oversize = await dataSource!.query<{ n: number; kept: number }[]>(
        `SELECT count(*)::int AS n, coalesce(max(length(payload)), 0)::int AS kept
           FROM rejected_message WHERE payload_bytes > $1`,
        [SERVICE_CAP],
      );
      const metricRejected = alive ? await service.ingested('rejected') : -1;
      const check = await ledger.check(dataSource!);
      console.log(
        `service ${alive ? 'alive' : 'EXITED'} (pid ${pid}); VmHWM ${(hwm / 2 ** 20).toFixed(0)} MiB ` +
          `(${(hwmAtStart / 2 ** 20).toFixed(0)} MiB before the stream) ` +
          `(bound ${MAX_SERVICE_HWM_BYTES / 2 ** 20} MiB)\n` +
          `rejected_message rows ${rejected} (expected ${expectedRejections}); ` +
          `metric dose_ingest_readings_total{outcome="rejected"} ${metricRejected}; ` +
          `oversize rows ${oversize[0].n} (largest kept payload ${oversize[0].kept} bytes)\n` +
          `top reasons: ${reasons.map((r) => `${r.n}× ${r.reason}`).join(' | ')}\n` +
          `readings: ${check.summary}`,
      );
      if (!alive) console.log(`service log (tail):\n${service.log.slice(-4000)}`);

      expect(alive).toBe(true);
      expect(hwm).toBeGreaterThan(0);
      expect(hwm).toBeLessThan(MAX_SERVICE_HWM_BYTES);
      expect(rejected).toBe(expectedRejections);
      expect(metricRejected).toBe(expectedRejections);
      expect(oversize[0].n).toBe(byKind.get('oversize') ?? 0);
      expect(check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, wrongIncrements: 0 });
      expect(check.counted).toBe(ledger.distinctSent);
      expect(check.wrongTotals).toEqual([]);
      // The service still answers and is ready.
      expect((await service.http.get('/health')).status).toBe(200);
    },
    TIMEOUT_MS,
  );
});

/** Peak resident set size of a process (VmHWM in /proc/<pid>/status), bytes; 0 once gone. */
async function vmHwmBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kib === undefined ? 0 : Number(kib) * 1024;
}

/**
 * Publishes QoS 1 with up to `window` messages awaiting their PUBACK; `done` is called with
 * each message once the broker acknowledged (or refused) it. Resolves when all are done.
 */
async function publishWindowed(
  client: MqttClient,
  messages: Iterable<Outgoing>,
  window: number,
  done: (message: Outgoing, error?: Error) => void,
): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const settled = () => {
    inFlight -= 1;
    wake?.();
    wake = undefined;
  };
  for (const message of messages) {
    while (inFlight >= window) await new Promise<void>((resolve) => (wake = resolve));
    inFlight += 1;
    client.publish(message.topic, message.payload, { qos: 1 }, (error) => {
      done(message, error ?? undefined);
      settled();
    });
  }
  while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
}

// ---------------------------------------------------------------------------------------
// The hostile stream
// ---------------------------------------------------------------------------------------

const FUTURE = () => new Date(Date.now() + 24 * 3600_000).toISOString();
const PAST = '2026-06-01T08:00:00Z';

/**
 * One invalid reading item as JSON text: every variant breaks at least one rule of
 * BadgeReadingDto (so none can be accepted whatever else it carries).
 */
function badItem(random: () => number): string {
  const seq = Math.floor(random() * 1e6);
  const variants: (() => string)[] = [
    // wrong types
    () => `{"seq":"${seq}","measuredAt":"${PAST}","hp10":1}`,
    () => `{"seq":${seq},"measuredAt":${Date.now()},"hp10":1}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp10":"1.5"}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp10":true}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp10":[1,2]}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp10":{"value":1}}`,
    () => `{"seq":null,"measuredAt":"${PAST}"}`,
    () => `{"seq":${seq}.5,"measuredAt":"${PAST}"}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","battery":"full"}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","doseRate":false}`,
    () => `{"measuredAt":"${PAST}","hp10":1}`,
    () => `{"seq":${seq},"hp10":1}`,
    () => `{}`,
    () => `null`,
    () => `"reading"`,
    () => `${seq}`,
    () => `[]`,
    () => `true`,
    // dates that are not ISO date-times with a zone, or too far in the future
    () => `{"seq":${seq},"measuredAt":"2026-06-01"}`,
    () => `{"seq":${seq},"measuredAt":"2026-06-01T08:00:00"}`,
    () => `{"seq":${seq},"measuredAt":"2026-13-45T25:61:61Z"}`,
    () => `{"seq":${seq},"measuredAt":"${FUTURE()}","hp10":1}`,
    // huge, negative and non-finite numbers (1e999 parses to Infinity)
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp10":1e999}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp10":-1e999}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp007":1e13}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp3":-0.001}`,
    () => `{"seq":1e20,"measuredAt":"${PAST}"}`,
    () => `{"seq":9007199254740993,"measuredAt":"${PAST}"}`,
    () => `{"seq":-1,"measuredAt":"${PAST}"}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","doseRate":1e10}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","battery":101}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","hp10":${'9'.repeat(400)}}`,
    // SQL in values and keys
    () => `{"seq":${seq},"measuredAt":"'; DROP TABLE reading; --"}`,
    () => `{"seq":"1; DELETE FROM daily_dose","measuredAt":"${PAST}"}`,
    () => `{"seq; DROP TABLE rejected_message; --":${seq},"measuredAt":"${PAST}"}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}') OR 1=1 --","hp10":1}`,
    // prototype keys: the real fields only exist on a prototype, never as own properties
    () => `{"__proto__":{"seq":${seq},"measuredAt":"${PAST}","hp10":1}}`,
    () => `{"__proto__":{"seq":${seq}},"measuredAt":"${PAST}","hp10":1}`,
    () => `{"constructor":{"prototype":{"seq":${seq},"measuredAt":"${PAST}"}},"hp10":1}`,
    () => `{"seq":${seq},"measuredAt":"${PAST}","__proto__":{"hp10":1},"hp10":-5}`,
    () => `{"prototype":{"seq":${seq}},"measuredAt":"${PAST}","__proto__":null}`,
    // odd unicode in values
    () => `{"seq":${seq},"measuredAt":"２０２６-０６-０１T08:00:00Z"}`,
    () => `{"seq":${seq},"measuredAt":"2026-06-01T08:00:00Z\u202e","hp10":1}`,
    () => `{"seq":"\u0661\u0662","measuredAt":"${PAST}"}`,
  ];
  return variants[Math.floor(random() * variants.length)]();
}

/** Bytes that are never a valid reading: the first byte is no `[` or whitespace, so at most one item. */
function randomPayload(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  while (bytes[0] === 0x5b || [0x20, 0x09, 0x0a, 0x0d].includes(bytes[0]))
    bytes[0] = Math.floor(random() * 256);
  return bytes;
}

/**
 * Serials that no badge has: valid MQTT topic levels (UTF-8 Mosquitto accepts: no NUL, no
 * control characters, no surrogates or non-characters; no `/`, `+` or `#`), every one off
 * SERIAL_PATTERN. A message on such a topic is one rejection whatever its payload.
 */
function oddSerial(random: () => number, real: string): string {
  const odd = [
    `${real}\u200b`, // zero-width space
    `\u202e${real}`, // right-to-left override
    real.replace('O', '\u041e'), // Cyrillic O homoglyph
    `${real}\u0301`, // combining acute accent
    `${real}\u00a0`, // no-break space
    `\ufeff${real}`, // byte order mark
    `${real}🔥`,
    '👩‍🔬-badge',
    'ＢＡＤＧＥ-１', // fullwidth
    'бейдж-7',
    '徽章-42',
    'x'.repeat(65), // longer than a serial may be
    '', // an empty level: dose/v1/badges//readings
    ' ',
    '-leading-dash',
    "x'); DROP TABLE reading; --",
    'a"b\\c',
    '__proto__',
    '%00%2F..%2F',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'Z̸̢͎a̵l̶g̷o̴',
  ];
  return odd[Math.floor(random() * odd.length)];
}

/**
 * The stream: `badCount` bad messages and every reading of `plan`, interleaved at random.
 * Generated lazily (oversize payloads are large), deterministically from `random`.
 */
function* hostileStream(
  random: () => number,
  plan: LedgerReading[],
  badCount: number,
): Generator<Outgoing> {
  const topicOf = (serial: string) => `${PREFIX}/badges/${serial}/readings`;
  const pickSerial = () => plan[Math.floor(random() * plan.length)].serial;
  const bad = (
    kind: string,
    topic: string,
    payload: Buffer | string,
    rejections = 1,
  ): Outgoing => ({
    kind,
    topic,
    payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
    rejections,
    readings: [],
  });
  const generators: [weight: number, make: () => Outgoing][] = [
    [
      20,
      () =>
        bad(
          'randomBytes',
          topicOf(pickSerial()),
          randomPayload(random, 1 + Math.floor(random() * 600)),
        ),
    ],
    [30, () => bad('badItem', topicOf(pickSerial()), badItem(random))],
    [
      10,
      () => {
        const items = 2 + Math.floor(random() * 8);
        const body = Array.from({ length: items }, () => badItem(random)).join(',');
        return bad('badArray', topicOf(pickSerial()), `[${body}]`, items);
      },
    ],
    [
      0.05,
      () => {
        // the largest batch allowed, every item bad: 1000 rejections
        const body = Array.from({ length: 1000 }, () => badItem(random)).join(',');
        return bad('badArray1000', topicOf(pickSerial()), `[${body}]`, 1000);
      },
    ],
    [
      0.2,
      () => {
        const items = 1001 + Math.floor(random() * 1000);
        return bad('tooManyItems', topicOf(pickSerial()), `[${'{},'.repeat(items - 1)}{}]`);
      },
    ],
    [
      2,
      () => {
        // deep nesting (V8's JSON.parse copes; a recursive walk of it would not)
        const depth =
          random() < 0.7 ? 1 + Math.floor(random() * 200) : 5_000 + Math.floor(random() * 25_000);
        const shape = Math.floor(random() * 4);
        const arrays = '['.repeat(depth) + ']'.repeat(depth);
        const objects = (key: string) => `{"${key}":`.repeat(depth) + '1' + '}'.repeat(depth);
        const payload =
          shape === 0
            ? arrays
            : shape === 1
              ? objects('a')
              : shape === 2
                ? `{"seq":${arrays},"measuredAt":"${PAST}"}`
                : `[${objects('seq')}]`;
        return bad('deepNesting', topicOf(pickSerial()), payload);
      },
    ],
    [
      0.3,
      () => {
        // over MAX_PAYLOAD_BYTES, under the broker's max_packet_size
        const size = SERVICE_CAP + 1 + Math.floor(random() * (BROKER_CAP - SERVICE_CAP - 4096));
        const filler = Buffer.alloc(size, 0x20);
        Buffer.from(`[{"seq":1,"measuredAt":"${PAST}","hp10":1}`).copy(filler);
        filler[size - 1] = 0x5d;
        return bad('oversize', topicOf(pickSerial()), filler);
      },
    ],
    [
      6,
      () => {
        // a valid reading, even a valid batch, on a topic whose serial is not a serial
        const payload =
          random() < 0.5
            ? `{"seq":1,"measuredAt":"${PAST}","hp10":1}`
            : `[{"seq":1,"measuredAt":"${PAST}","hp10":1},{"seq":2,"measuredAt":"${PAST}","hp10":2}]`;
        return bad('oddSerial', topicOf(oddSerial(random, pickSerial())), payload);
      },
    ],
    [
      2,
      () => {
        // invalid UTF-8 and NUL bytes inside a reading whose seq is wrong anyway
        const payload = Buffer.concat([
          Buffer.from(`{"seq":"x`),
          Buffer.from([0xc3, 0x28, 0x00, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
          Buffer.from(`","measuredAt":"${PAST}"}`),
        ]);
        return bad('badUtf8', topicOf(pickSerial()), payload);
      },
    ],
  ];
  const totalWeight = generators.reduce((sum, [weight]) => sum + weight, 0);
  const makeBad = (): Outgoing => {
    let pick = random() * totalWeight;
    for (const [weight, make] of generators) {
      pick -= weight;
      if (pick < 0) return make();
    }
    return generators[0][1]();
  };
  /** A valid reading; sometimes with prototype keys that must change nothing, sometimes in a batch with bad items. */
  const valid = (reading: LedgerReading): Outgoing => {
    const plain = readingPayload(reading);
    const roll = random();
    if (roll < 0.05) {
      const poisoned = plain.replace(
        /^\{/,
        `{"__proto__":{"hp10":123456,"seq":0},"constructor":{"prototype":{"hp10":1}},`,
      );
      return {
        kind: 'validProto',
        topic: topicOf(reading.serial),
        payload: Buffer.from(poisoned),
        rejections: 0,
        readings: [reading],
      };
    }
    if (roll < 0.15) {
      // a bad item inside an otherwise valid array: one rejection, the reading counts
      const badItems = 1 + Math.floor(random() * 3);
      const items = [plain, ...Array.from({ length: badItems }, () => badItem(random))];
      const [first, ...rest] = items;
      const shuffled = random() < 0.5 ? [first, ...rest] : [...rest, first];
      return {
        kind: 'mixedArray',
        topic: topicOf(reading.serial),
        payload: Buffer.from(`[${shuffled.join(',')}]`),
        rejections: badItems,
        readings: [reading],
      };
    }
    return {
      kind: 'valid',
      topic: topicOf(reading.serial),
      payload: Buffer.from(plain),
      rejections: 0,
      readings: [reading],
    };
  };

  let badLeft = badCount;
  let next = 0;
  while (badLeft > 0 || next < plan.length) {
    const validLeft = plan.length - next;
    if (random() * (badLeft + validLeft) < badLeft) {
      badLeft -= 1;
      yield makeBad();
    } else {
      yield valid(plan[next++]);
    }
  }
}
