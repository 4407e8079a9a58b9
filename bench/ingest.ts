import pg from 'pg';
import { cpuBudget, cpuSnapshot, type CpuRoles, type Role } from './cpu-budget.js';
import { WindowedPublisher } from './publisher.js';
import { ReadingSource, recentStart } from './reading-source.js';
import type { BenchService } from './service.js';
import { closeLoadedHistory } from './database.js';

export interface IngestResult {
  readingsPerSecond: number;
  measuredSeconds: number;
  published: number;
  distinctReadings: number;
  totalsExact: boolean;
  mismatches: number;
  /** Repeats the service recognised: the 1 % the publishers send twice, plus any redelivery. */
  duplicatesSeen: number;
  /** Per process role over the steady-state window: cores used and CPU µs per reading. */
  cpu?: Record<Role, { cores: number; microsecondsPerReading: number }>;
}

export interface IngestOptions {
  mqttUrl: string;
  /** 4 for RabbitMQ 3.10's MQTT plugin; default 5. */
  protocolVersion?: 4 | 5;
  databaseUrl: string;
  /** The replicas: what they committed is added up. */
  services: BenchService[];
  badges: number;
  connections: number;
  warmupSeconds: number;
  measureSeconds: number;
  auth: { username: string; password: string };
  prefix: string;
  cpuRoles: CpuRoles;
  /** Give every wearer this year's daily totals up to the readings (registerBadges). */
  wearerHistory: boolean;
}

/**
 * Readings published and not yet committed, at most: ten times the service's in-flight window
 * (the broker's max_inflight_messages, 1000), so the service never waits for input while the
 * broker's queue for it stays small. With 100 000 allowed, the alert phase that follows could
 * not keep up with half the measured rate and missed every latency sample (bench/README.md,
 * "Method"); with 10 000 it does.
 */
const MAX_BACKLOG = 10_000;

/**
 * (b) End-to-end ingest: simulated badges publish QoS 1 readings (1 % repeats, 1 % out of
 * order) as fast as the service commits them; readings/s committed (the service's own
 * post-commit counter) over the steady-state window; then the committed totals are checked
 * against what the publishers sent.
 */
export async function measureIngest(options: IngestOptions): Promise<IngestResult> {
  const startAt = recentStart();
  const serials = await registerBadges(options.databaseUrl, options.badges, {
    historyBefore: options.wearerHistory ? startAt : undefined,
  });
  const sources = Array.from(
    { length: options.connections },
    (_, c) =>
      new ReadingSource(
        serials.filter((_, i) => i % options.connections === c),
        { duplicates: 0.01, outOfOrder: 0.01, seed: 1000 + c, startAt },
      ),
  );
  const publishers = await Promise.all(
    sources.map((_, c) =>
      WindowedPublisher.connect(
        options.mqttUrl,
        `bench-publisher-${c}`,
        1000,
        options.auth,
        options.protocolVersion,
      ),
    ),
  );
  const total = async (outcome: string) =>
    (
      await Promise.all(
        options.services.map((service) =>
          service.metric('dose_ingest_readings_total', `{outcome="${outcome}"}`),
        ),
      )
    ).reduce((sum, n) => sum + n, 0);
  const committed = () => total('accepted');
  let committedNow = 0;
  let stop = false;
  const poller = setInterval(() => void committed().then((n) => (committedNow = n)), 200);
  const loops = publishers.map(async (publisher, c) => {
    const source = sources[c];
    while (!stop) {
      if (
        source.readingsGenerated - committedNow / options.connections >
        MAX_BACKLOG / options.connections
      ) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const reading = source.take();
      await publisher.publish(
        `${options.prefix}/badges/${reading.serial}/readings`,
        reading.payload,
      );
    }
    for (const reading of source.drain()) {
      await publisher.publish(
        `${options.prefix}/badges/${reading.serial}/readings`,
        reading.payload,
      );
    }
    await publisher.flush();
  });
  await sleep(options.warmupSeconds * 1000);
  const startCount = await committed();
  const cpuBefore = await cpuSnapshot(options.cpuRoles);
  const startTime = performance.now();
  await sleep(options.measureSeconds * 1000);
  const endCount = await committed();
  const cpuAfter = await cpuSnapshot(options.cpuRoles);
  const elapsed = (performance.now() - startTime) / 1000;
  stop = true;
  await Promise.all(loops);
  const distinct = sources.reduce((sum, source) => sum + source.readingsGenerated, 0);
  while ((await committed()) < distinct) await sleep(200);
  clearInterval(poller);
  const mismatches = await compareTotals(options.databaseUrl, sources, utcDay(startAt));
  await Promise.all(publishers.map((p) => p.end()));
  return {
    readingsPerSecond: (endCount - startCount) / elapsed,
    measuredSeconds: elapsed,
    published: publishers.reduce((sum, p) => sum + p.published, 0),
    distinctReadings: distinct,
    totalsExact: mismatches === 0,
    mismatches,
    duplicatesSeen: await total('duplicate'),
    cpu:
      cpuBefore && cpuAfter
        ? cpuBudget(cpuBefore, cpuAfter, elapsed, endCount - startCount)
        : undefined,
  };
}

/** The UTC day (YYYY-MM-DD) of an epoch-ms instant. */
function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * One trunk badge per worker, assigned from long before the readings. With `historyBefore`
 * (the readings' first instant, epoch ms), each worker also gets a daily total of 1 µSv
 * (effective and skin) for every weekday of the year of the day before the readings' first
 * day, up to but not including that day, as a live service's wearers have by November, with
 * the months before this one closed: each alert evaluation reads a person's year of totals,
 * and the readings' own days start empty (compareTotals counts from the first of them).
 */
export async function registerBadges(
  databaseUrl: string,
  count: number,
  { prefix = 'B', historyBefore }: { prefix?: string; historyBefore?: number } = {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ serial: string }>(
      `WITH people AS (
         INSERT INTO person (kind, name) SELECT 'worker', 'Bench ' || g FROM generate_series(1, $1) g RETURNING id),
       numbered AS (SELECT id, row_number() OVER () AS n FROM people),
       badges AS (
         INSERT INTO badge (serial, body_location) SELECT $2 || '-' || lpad(n::text, 6, '0'), 'trunk' FROM numbered
         RETURNING serial)
       INSERT INTO badge_assignment (badge_serial, person_id, valid_from)
       SELECT $2 || '-' || lpad(n::text, 6, '0'), id, '2000-01-01T00:00:00Z' FROM numbered RETURNING badge_serial AS serial`,
      [count, prefix],
    );
    const serials = rows.rows.map((row) => row.serial).sort();
    if (historyBefore !== undefined) {
      // In day order, as ingestion writes a day's totals of everyone together.
      await client.query(
        `INSERT INTO daily_dose (person_id, quantity, day, dose_nsv)
         SELECT a.person_id, q.quantity, d::date, 1000
           FROM generate_series(date_trunc('year', $2::date), $2::date - 1, interval '1 day') d,
                badge_assignment a, (VALUES ('effective'), ('skin')) AS q(quantity)
          WHERE a.badge_serial = ANY($1::text[]) AND extract(isodow FROM d) < 6
          ORDER BY d, a.person_id, q.quantity`,
        [serials, utcDay(historyBefore - 86_400_000)],
      );
      await closeLoadedHistory(client);
      // Long written and vacuumed in a live system.
      await client.query('VACUUM ANALYZE daily_dose, dose_month_total');
    }
    return serials;
  } finally {
    await client.end();
  }
}

/**
 * Badges whose wearer's effective total from `from` (the readings' first day, after any
 * history) on differs from the truth (the last register).
 */
async function compareTotals(
  databaseUrl: string,
  sources: ReadingSource[],
  from: string,
): Promise<number> {
  const truth = new Map<string, bigint>();
  for (const source of sources)
    for (const [serial, nsv] of source.truthNsv()) truth.set(serial, nsv);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ serial: string; total: string }>(
      `SELECT a.badge_serial AS serial, coalesce(sum(d.dose_nsv), 0)::text AS total
         FROM badge_assignment a LEFT JOIN daily_dose d ON d.person_id = a.person_id AND d.quantity = 'effective'
                                                       AND d.day >= $2
        WHERE a.badge_serial = ANY($1::text[]) GROUP BY a.badge_serial`,
      [[...truth.keys()], from],
    );
    return rows.rows.filter((row) => BigInt(row.total) !== truth.get(row.serial)).length;
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
