import mqtt from 'mqtt';
import pg from 'pg';
import { WindowedPublisher } from './publisher.js';
import { registerBadges } from './ingest.js';
import { ReadingSource, recentStart } from './reading-source.js';

export interface LatencyResult {
  samples: number;
  missing: number;
  p50Ms: number;
  p99Ms: number;
  backgroundPerSecond: number;
}

/**
 * (d) Reading published → alert received on MQTT, while background readings flow at a
 * given rate. Each sample is a reading at 600 µSv/h on one of a few "hot" badges: a new
 * doseRate episode (threshold 500 µSv/h, DESIGN.md §5); a reading at 100 µSv/h then
 * clears the episode before that badge is used again.
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
  const startAt = recentStart();
  const backgroundSerials = await registerBadges(options.databaseUrl, options.backgroundBadges, {
    prefix: 'BG',
    historyBefore: options.wearerHistory ? startAt : undefined,
  });
  await options.settled();
  const arrivals = new Map<string, number>();
  const listener = await mqtt.connectAsync(options.mqttUrl, {
    clientId: 'bench-alerts',
    protocolVersion: 5,
    ...options.auth,
  });
  listener.on('message', (_topic, payload) => {
    const alert = JSON.parse(payload.toString()) as { kind: string; badgeSerial?: string };
    if (alert.kind === 'doseRate' && alert.badgeSerial && !arrivals.has(alert.badgeSerial)) {
      arrivals.set(alert.badgeSerial, performance.now());
    }
  });
  await listener.subscribeAsync(`${options.prefix}/alerts/high`, { qos: 1 });
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
  const latencies: number[] = [];
  let missing = 0;
  const seqs = new Map(hot.map((serial) => [serial, 0]));
  const send = async (serial: string, doseRate: number) => {
    const seq = (seqs.get(serial) ?? 0) + 1;
    seqs.set(serial, seq);
    const measuredAt = new Date(Date.now() - 60_000).toISOString();
    await publisher.publish(
      `${options.prefix}/badges/${serial}/readings`,
      JSON.stringify({ seq, measuredAt, hp10: seq, doseRate }),
    );
  };
  for (let i = 0; i < options.samples; i++) {
    const serial = hot[i % hot.length];
    arrivals.delete(serial);
    const sentAt = performance.now();
    await send(serial, 600);
    const deadline = sentAt + 10_000;
    while (!arrivals.has(serial) && performance.now() < deadline) await sleep(1);
    const arrived = arrivals.get(serial);
    if (arrived === undefined) missing += 1;
    else latencies.push(arrived - sentAt);
    await send(serial, 100);
    await sleep(60);
  }
  stop = true;
  const backgroundPerSecond = await load;
  await Promise.all([publisher.end(), background.end(), listener.endAsync()]);
  latencies.sort((a, b) => a - b);
  return {
    samples: latencies.length,
    missing,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    backgroundPerSecond,
  };
}

async function registerHotBadges(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const run = Date.now().toString(36);
    const serials = Array.from({ length: count }, (_, i) => `HOT-${run}-${i}`);
    for (const serial of serials) {
      await client.query(
        `WITH p AS (INSERT INTO person (kind, name) VALUES ('worker', $1) RETURNING id),
              b AS (INSERT INTO badge (serial, body_location) VALUES ($1, 'trunk') RETURNING serial)
         INSERT INTO badge_assignment (badge_serial, person_id, valid_from) SELECT $1, id, '2000-01-01T00:00:00Z' FROM p`,
        [serial],
      );
    }
    return serials;
  } finally {
    await client.end();
  }
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
