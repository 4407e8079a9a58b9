import mqtt from 'mqtt';
import pg from 'pg';
import { WindowedPublisher } from './publisher.js';
import { registerBadges } from './ingest.js';
import { ReadingSource, recentStart } from './reading-source.js';

export interface Latencies {
  samples: number;
  missing: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LatencyResult extends Latencies {
  backgroundPerSecond: number;
  /** The same for doseLimit alerts: a reading that takes its wearer across a level. */
  doseLimit: Latencies;
}

/** The doseLimit levels' fractions (DESIGN.md §5) of LIMIT_USV, crossed one per sample. */
const LIMIT_USV = 1000;
/** hp10 registers (µSv) past 10, 30, 80 and 100 % of LIMIT_USV: notice, warning, high, critical. */
const CROSSINGS = [
  { registerUsv: 150, level: 'notice' },
  { registerUsv: 400, level: 'warning' },
  { registerUsv: 900, level: 'high' },
  { registerUsv: 1100, level: 'critical' },
];

/**
 * (d) Reading published → alert received on MQTT, while background readings flow at a
 * given rate. Each sample is a reading at 600 µSv/h on one of a few "hot" badges: a new
 * doseRate episode (threshold 500 µSv/h, DESIGN.md §5); a reading at 100 µSv/h then
 * clears the episode before that badge is used again. After each, a doseLimit sample: a
 * reading that takes a wearer with an own annual limit of LIMIT_USV across its next level
 * (the dose rules' path: the dose queue, the headroom, the period sums).
 */
export async function measureAlertLatency(options: {
  mqttUrl: string;
  databaseUrl: string;
  auth: { username: string; password: string };
  prefix: string;
  /** Badges for the background stream: registered here, fresh, so every reading is new. */
  backgroundBadges: number;
  backgroundPerSecond: number;
  /** Background wearers with this year's daily totals (registerBadges). */
  wearerHistory: boolean;
  samples: number;
  /**
   * Seconds of background load before the first sample, as (b) warms up before it counts:
   * the background badges are registered fresh, and their first readings each create a
   * badge's register row and a wearer's first totals and standing.
   */
  warmupSeconds: number;
  /** Resolves once the service has caught up with earlier work (steady state). */
  settled: () => Promise<void>;
}): Promise<LatencyResult> {
  const hot = await registerHotBadges(options.databaseUrl, 5);
  const limited = await registerHotBadges(
    options.databaseUrl,
    Math.ceil(options.samples / CROSSINGS.length),
    LIMIT_USV,
  );
  const startAt = recentStart();
  const backgroundSerials = await registerBadges(options.databaseUrl, options.backgroundBadges, {
    prefix: 'BG',
    historyBefore: options.wearerHistory ? startAt : undefined,
  });
  await options.settled();
  /** By badge serial (doseRate) or `person|level` (doseLimit): when the alert arrived. */
  const arrivals = new Map<string, number>();
  const listener = await mqtt.connectAsync(options.mqttUrl, {
    clientId: 'bench-alerts',
    protocolVersion: 5,
    ...options.auth,
  });
  listener.on('message', (_topic, payload) => {
    const alert = JSON.parse(payload.toString()) as {
      kind: string;
      level: string;
      badgeSerial?: string;
      personId?: string;
      state?: string;
    };
    // A resolution (an episode's clearing) is no raise: it must not count as a sample's alert.
    if (alert.state === 'resolved') return;
    const key =
      alert.kind === 'doseRate'
        ? alert.badgeSerial
        : alert.kind === 'doseLimit'
          ? `${alert.personId}|${alert.level}`
          : undefined;
    if (key && !arrivals.has(key)) arrivals.set(key, performance.now());
  });
  // Every level's topic (DESIGN.md §4): a doseLimit sample may arrive at any of them.
  await listener.subscribeAsync(`${options.prefix}/alerts/+`, { qos: 1 });
  const publisher = await WindowedPublisher.connect(
    options.mqttUrl,
    'bench-alert-publisher',
    1000,
    options.auth,
  );
  const background = await WindowedPublisher.connect(
    options.mqttUrl,
    'bench-background',
    1000,
    options.auth,
  );
  let stop = false;
  const source = new ReadingSource(backgroundSerials, {
    duplicates: 0,
    outOfOrder: 0,
    seed: 7,
    startAt,
  });
  const load = (async () => {
    const started = performance.now();
    let sent = 0;
    while (!stop) {
      const due = ((performance.now() - started) / 1000) * options.backgroundPerSecond;
      if (sent >= due) {
        await sleep(2);
        continue;
      }
      const reading = source.take();
      await background.publish(
        `${options.prefix}/badges/${reading.serial}/readings`,
        reading.payload,
      );
      sent += 1;
    }
    await background.flush();
    return sent / ((performance.now() - started) / 1000);
  })();
  await sleep(options.warmupSeconds * 1000);
  const doseRate = new Samples();
  const doseLimit = new Samples();
  const seqs = new Map([...hot, ...limited].map(({ serial }) => [serial, 0]));
  const send = async (serial: string, reading: { hp10: number; doseRate?: number }) => {
    const seq = (seqs.get(serial) ?? 0) + 1;
    seqs.set(serial, seq);
    const measuredAt = new Date(Date.now() - 60_000).toISOString();
    await publisher.publish(
      `${options.prefix}/badges/${serial}/readings`,
      JSON.stringify({ seq, measuredAt, ...reading }),
    );
  };
  /** Publishes, and waits for the alert under `key` (at most 10 s). */
  const sample = async (samples: Samples, key: string, publish: () => Promise<void>) => {
    arrivals.delete(key);
    const sentAt = performance.now();
    await publish();
    const deadline = sentAt + 10_000;
    while (!arrivals.has(key) && performance.now() < deadline) await sleep(1);
    const arrivedAt = arrivals.get(key);
    samples.add(arrivedAt === undefined ? undefined : arrivedAt - sentAt);
  };
  for (let i = 0; i < options.samples; i++) {
    const { serial } = hot[i % hot.length];
    const hp10 = (seqs.get(serial) ?? 0) + 1;
    await sample(doseRate, serial, () => send(serial, { hp10, doseRate: 600 }));
    await send(serial, { hp10, doseRate: 100 });
    const wearer = limited[Math.floor(i / CROSSINGS.length)];
    const crossing = CROSSINGS[i % CROSSINGS.length];
    await sample(doseLimit, `${wearer.personId}|${crossing.level}`, () =>
      send(wearer.serial, { hp10: crossing.registerUsv }),
    );
    await sleep(60);
  }
  stop = true;
  const backgroundPerSecond = await load;
  await Promise.all([publisher.end(), background.end(), listener.endAsync()]);
  return { ...doseRate.summary(), backgroundPerSecond, doseLimit: doseLimit.summary() };
}

class Samples {
  private readonly latencies: number[] = [];
  private missing = 0;

  /** A latency in ms, or undefined for an alert that never came. */
  add(latencyMs: number | undefined): void {
    if (latencyMs === undefined) this.missing += 1;
    else this.latencies.push(latencyMs);
  }

  summary(): Latencies {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      samples: sorted.length,
      missing: this.missing,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
    };
  }
}

/** Worn badges of their own; with `limitUsv`, each wearer has that own annual effective limit. */
async function registerHotBadges(
  databaseUrl: string,
  count: number,
  limitUsv?: number,
): Promise<{ serial: string; personId: string }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const run = Date.now().toString(36);
    const kind = limitUsv === undefined ? 'HOT' : 'LIM';
    const badges = [];
    for (let i = 0; i < count; i++) {
      const serial = `${kind}-${run}-${i}`;
      const { rows } = await client.query<{ id: string }>(
        `WITH p AS (INSERT INTO person (kind, name) VALUES ('worker', $1) RETURNING id),
              b AS (INSERT INTO badge (serial, body_location) VALUES ($1, 'trunk') RETURNING serial),
              a AS (INSERT INTO badge_assignment (badge_serial, person_id, valid_from)
                    SELECT $1, id, '2000-01-01T00:00:00Z' FROM p)
         SELECT id FROM p`,
        [serial],
      );
      const personId = rows[0].id;
      if (limitUsv !== undefined) {
        await client.query(
          `INSERT INTO person_limit (person_id, quantity, period, limit_nsv, reason)
           VALUES ($1, 'effective', 'year', $2, 'benchmark: every doseLimit level within four readings')`,
          [personId, limitUsv * 1000],
        );
      }
      badges.push({ serial, personId });
    }
    return badges;
  } finally {
    await client.end();
  }
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
