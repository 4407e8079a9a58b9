/**
 * The badge simulator (src/simulator/): its pure parts (reading model, delivery plan, flag
 * parsing) and the built CLI publishing to the test broker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import { microsievertsToNanosieverts } from '../src/common/dose-units.js';
import { EmbeddedBroker } from '../src/mqtt/embedded-broker.js';
import { type Reading, SimulatedBadge } from '../src/simulator/badge-model.js';
import { DeliveryPlan } from '../src/simulator/delivery-plan.js';
import { OptionsError, parseOptions } from '../src/simulator/options.js';
import { Random } from '../src/simulator/random.js';
import { formatMicrosieverts } from '../src/simulator/summary.js';
import { testMqttProtocol, testMqttUrl } from './support/test-env.js';

const SIMULATE = fileURLToPath(new URL('../dist/src/simulator/simulate.js', import.meta.url));
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const MICROSIEVERTS = /^\d+(\.\d{1,3})?$/;
const REGISTERS = ['hp10', 'hp007', 'hp3'] as const;
type RegistersNsv = Record<(typeof REGISTERS)[number], bigint>;
const KEYS = ['battery', 'doseRate', 'hp007', 'hp10', 'hp3', 'measuredAt', 'seq'];
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Polls until the condition holds or 10 s pass; the assertions after it say what was missing. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
}

/** DESIGN.md §3.1, written again here: increments by seq order, a register going down is a reset. */
function ruleTotals(readings: Reading[]): RegistersNsv {
  const totals: RegistersNsv = { hp10: 0n, hp007: 0n, hp3: 0n };
  const previous: RegistersNsv = { hp10: 0n, hp007: 0n, hp3: 0n };
  for (const reading of [...readings].sort((a, b) => a.seq - b.seq)) {
    for (const name of REGISTERS) {
      const value = microsievertsToNanosieverts(reading[name]);
      totals[name] += value < previous[name] ? value : value - previous[name];
      previous[name] = value;
    }
  }
  return totals;
}

function expectReadingShape(reading: unknown): asserts reading is Reading {
  expect(Object.keys(reading as object).sort()).toEqual(KEYS);
  const r = reading as Reading;
  expect(Number.isInteger(r.seq) && r.seq >= 0).toBe(true);
  expect(r.measuredAt).toMatch(ISO_UTC);
  for (const name of REGISTERS) expect(String(r[name])).toMatch(MICROSIEVERTS);
  expect(r.doseRate).toBeGreaterThanOrEqual(0);
  expect(Number.isInteger(r.battery) && r.battery >= 0 && r.battery <= 100).toBe(true);
}

describe('simulated badge model', () => {
  const startAt = new Date('2026-01-05T08:00:00Z');
  const ambient = { serial: 'T-0001', seed: 'model', meanDoseRate: 50, intervalSeconds: 10 };
  const options = { ...ambient, startSeq: 7, resetEvery: 25, spikeChance: 0.05, startAt };

  it('produces increasing seq, registers that only fall at resets, and exact true totals', () => {
    const badge = new SimulatedBadge(options);
    const readings = oneTo(300).map(() => badge.next());
    readings.forEach((reading, i) => {
      expectReadingShape(reading);
      expect(reading.seq).toBe(7 + i);
      expect(reading.measuredAt).toBe(new Date(startAt.getTime() + i * 10_000).toISOString());
      if (i === 0) return;
      const previous = readings[i - 1];
      for (const name of REGISTERS) {
        const [before, now] = [previous[name], reading[name]];
        if (i % 25 === 0 && before > 0) expect(now).toBeLessThan(before);
        else expect(now).toBeGreaterThanOrEqual(before);
      }
    });
    const truth = badge.trueTotalsNsv();
    expect(truth).toEqual(ruleTotals(readings));
    expect(truth.hp10).toBeGreaterThan(0n);
    // Hp(0.07) ≈ 1.1–1.3 × Hp(10), Hp(3) between them.
    const ratio = Number(truth.hp007) / Number(truth.hp10);
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.3);
    expect(truth.hp3 > truth.hp10 && truth.hp3 < truth.hp007).toBe(true);
    // Fluoroscopy-like spikes happen at this spike chance.
    expect(readings.some((r) => r.doseRate >= 100)).toBe(true);
  });

  it('regenerates the same stream from the same seed, and another from another seed', () => {
    const take = (seed: string, badge = new SimulatedBadge({ ...options, seed })) =>
      oneTo(50).map(() => badge.next());
    expect(take('a')).toEqual(take('a'));
    expect(take('a')).not.toEqual(take('b'));
  });
});

describe('delivery plan', () => {
  const run = (batch: number, outOfOrder: number, duplicates: number) => {
    const random = new Random(`plan-${batch}`);
    const plan = new DeliveryPlan<number>({ batch, outOfOrder, duplicates, random });
    const deliveries = oneTo(500).flatMap((seq) => plan.push(seq));
    return { plan, deliveries: [...deliveries, ...plan.flush()] };
  };

  it('delivers every reading, a held-back one right after its successor, repeats verbatim', () => {
    for (const batch of [1, 7]) {
      const { plan, deliveries } = run(batch, 0.3, 0.2);
      deliveries.forEach((d, i) => {
        expect(d.items.length).toBeLessThanOrEqual(batch);
        if (d.duplicate) expect(d.items).toEqual(deliveries[i - 1].items);
      });
      expect(plan.duplicatesSent).toBe(deliveries.filter((d) => d.duplicate).length);
      expect(plan.duplicatesSent).toBeGreaterThan(0);
      const order = deliveries.filter((d) => !d.duplicate).flatMap((d) => d.items);
      expect([...order].sort((a, b) => a - b)).toEqual(oneTo(500));
      let late = 0;
      for (let seq = 1; seq < 500; seq++) {
        if (order.indexOf(seq) < order.indexOf(seq + 1)) continue;
        late++;
        expect(order.indexOf(seq)).toBe(order.indexOf(seq + 1) + 1);
      }
      // The last reading, if held, has no successor to follow.
      expect([plan.heldBack, plan.heldBack - 1]).toContain(late);
      expect(late).toBeGreaterThan(50);
    }
  });

  it('keeps order and sends nothing twice with both fractions at 0', () => {
    expect(run(1, 0, 0).deliveries.map((d) => d.items[0])).toEqual(oneTo(500));
  });
});

describe('simulator options', () => {
  it('applies defaults (broker and prefix from the environment) and reads given values', () => {
    const env = { MQTT_URL: 'mqtt://broker:1884', MQTT_TOPIC_PREFIX: 'x/v1' };
    const defaults = { url: env.MQTT_URL, prefix: 'x/v1', badges: 10, rate: 1, startSeq: 1 };
    expect(parseOptions([], env)).toMatchObject({ options: { ...defaults, protocol: undefined } });
    const given = '--rate 0.1 --batch 1000 --out-of-order=0.5 --protocol 4'.split(' ');
    const values = { rate: 0.1, batch: 1000, outOfOrder: 0.5, protocol: 4 };
    expect(parseOptions(given, {})).toMatchObject({ options: values });
    expect(parseOptions(['--help'], {})).toEqual({ help: true });
  });

  const bad = '--rate -1|--rate 0|--badges 0|--batch 2000|--duplicates 2|--out-of-order -0.1';
  const alsoBad = '--count 1.5|--reset-every 1|--protocol 3|--url http://x|--prefix dose/#';
  it.each(`${bad}|${alsoBad}`.split('|'))('rejects %s, naming the flag', (args) => {
    const argv = args.split(' ');
    expect(() => parseOptions(argv, {})).toThrow(OptionsError);
    expect(() => parseOptions(argv, {})).toThrow(argv[0]);
  });
});

describe('simulate CLI against the broker', () => {
  const children = new Set<ChildProcess>();
  const clients = new Set<MqttClient>();

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all([...clients].map((client) => client.endAsync(true)));
  });

  /** Subscribes under a fresh prefix; collects every message and every reading in it. */
  async function subscribe() {
    const prefix = `test-sim-${randomUUID().slice(0, 8)}/dose/v1`;
    const client = mqtt.connect(testMqttUrl(), {
      clientId: `test-sim-sub-${randomUUID().slice(0, 8)}`,
      protocolVersion: testMqttProtocol(),
      reconnectPeriod: 0,
    });
    clients.add(client);
    const received = { messages: [] as unknown[], readings: [] as [string, Reading][] };
    client.on('message', (topic, payload) => {
      const message: unknown = JSON.parse(payload.toString());
      received.messages.push(message);
      const serial = topic.split('/').at(-2)!;
      const readings = (Array.isArray(message) ? message : [message]) as Reading[];
      received.readings.push(...readings.map((r): [string, Reading] => [serial, r]));
    });
    await client.subscribeAsync(`${prefix}/badges/+/readings`, { qos: 1 });
    return { prefix, received };
  }

  function simulate(args: string) {
    const common = ['--url', testMqttUrl(), '--protocol', String(testMqttProtocol())];
    const child = spawn(process.execPath, [SIMULATE, ...common, ...args.split(' ')]);
    children.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, exited, output: () => output };
  }

  /** The summary's per-badge rows: serial → readings taken and true dose (µSv text). */
  function summaryRows(output: string): Map<string, { count: number; truth: string[] }> {
    const row = /^(\S+)\s+(\d+)\s+[\d.]+ \/ [\d.]+ \/ [\d.]+\s+([\d.]+) \/ ([\d.]+) \/ ([\d.]+)$/gm;
    const rows = [...output.matchAll(row)].filter((m) => m[1] !== 'total');
    return new Map(rows.map((m) => [m[1], { count: Number(m[2]), truth: m.slice(3, 6) }]));
  }

  /**
   * Every (serial, seq) the summary reports arrived at least once, repeats are identical, and
   * the §3.1 totals of what arrived equal the true dose the simulator printed.
   */
  async function expectDeliveredAsSummarised(received: [string, Reading][], output: string) {
    const rows = summaryRows(output);
    const distinct = () => new Set(received.map(([serial, r]) => `${serial}#${r.seq}`)).size;
    const expected = [...rows.values()].reduce((sum, row) => sum + row.count, 0);
    // The broker forwards after it acknowledges the simulator: give the last ones a moment.
    await waitFor(() => distinct() >= expected);
    for (const [serial, row] of rows) {
      const list = received.filter(([s]) => s === serial).map(([, reading]) => reading);
      list.forEach((reading) => expectReadingShape(reading));
      const bySeq = new Map(list.map((r) => [r.seq, r]));
      for (const reading of list) expect(reading).toEqual(bySeq.get(reading.seq));
      expect([...bySeq.keys()].sort((a, b) => a - b)).toEqual(oneTo(row.count));
      const totals = ruleTotals([...bySeq.values()]);
      expect(row.truth).toEqual(REGISTERS.map((name) => formatMicrosieverts(totals[name])));
    }
    expect(new Set(received.map(([serial]) => serial))).toEqual(new Set(rows.keys()));
  }

  it('publishes every (serial, seq) at least once, with duplicates and late readings', async () => {
    const { prefix, received } = await subscribe();
    const run = simulate(
      `--prefix ${prefix} --badges 3 --count 20 --rate 50 --duplicates 0.1 --out-of-order 0.1 --dose-rate 36000 --quiet`,
    );
    expect(await run.exited).toBe(0);
    const counts = [...summaryRows(run.output())].map(([serial, row]) => `${serial}:${row.count}`);
    expect(counts).toEqual(['SIM-0001:20', 'SIM-0002:20', 'SIM-0003:20']);
    await expectDeliveredAsSummarised(received.readings, run.output());
  });

  it('stops on SIGTERM, flushes held-back readings and partial batches, and exits 0', async () => {
    const { prefix, received } = await subscribe();
    const run = simulate(
      `--prefix ${prefix} --badges 2 --rate 20 --batch 4 --out-of-order 0.3 --reset-every 5 --dose-rate 36000 --seed sigterm`,
    );
    await waitFor(() => received.messages.length >= 4);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/stopped \(SIGTERM\)/);
    await expectDeliveredAsSummarised(received.readings, run.output());
    expect(received.messages.length).toBeGreaterThanOrEqual(4);
    expect(received.messages.every((m) => Array.isArray(m) && m.length <= 4)).toBe(true);
  });
});

/**
 * The service's embedded broker (aedes) speaks MQTT 3.1.1 only; the simulator's default, with
 * no --protocol, is MQTT 5 where the broker takes it, and must work against the default start.
 */
describe('simulate CLI against the embedded broker, with no --protocol', () => {
  it('falls back to MQTT 3.1.1 when MQTT 5 is refused, and delivers every reading', async () => {
    const broker = await EmbeddedBroker.start(0);
    const subscriber = await mqtt.connectAsync(broker.url, {
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    try {
      const readings: Reading[] = [];
      subscriber.on('message', (_topic, payload) =>
        readings.push(JSON.parse(payload.toString()) as Reading),
      );
      await subscriber.subscribeAsync('sim-default/dose/v1/badges/+/readings', { qos: 1 });
      const args = ['--url', broker.url, '--prefix', 'sim-default/dose/v1', '--badges', '2'];
      const child = spawn(process.execPath, [
        SIMULATE,
        ...args,
        ...['--count', '5', '--rate', '50', '--quiet'],
      ]);
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
      expect(output).toContain(
        'the broker refused MQTT 5 (it speaks 3.1.1 only): using --protocol 4',
      );
      await waitFor(() => readings.length >= 10);
      expect(readings.map((r) => r.seq).sort((a, b) => a - b)).toEqual([
        1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
      ]);
    } finally {
      await subscriber.endAsync();
      await broker.stop();
    }
  });
});
