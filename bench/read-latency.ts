import pg from 'pg';
import { percentile } from './alert-latency.js';
import { closeLoadedHistory, settle } from './database.js';

export interface ReadLatencyResult {
  people: number;
  readings: number;
  loadSeconds: number;
  /** Untimed requests (exposure of people not measured, every tenth a dashboard) before the timed ones. */
  warmupRequests: number;
  exposure: { requests: number; p50Ms: number; p95Ms: number };
  dashboard: { requests: number; p50Ms: number; p95Ms: number } | { unavailable: string };
}

/**
 * (e) Read latency with a large history: `people` workers with a trunk badge each and
 * `readingsPerPerson` readings spread over five years, written straight into Postgres in
 * set-based statements (with their daily totals), then timed HTTP reads.
 */
export async function measureReadLatency(options: {
  databaseUrl: string;
  baseUrl: string;
  token: string;
  people: number;
  readingsPerPerson: number;
  requests: number;
  /**
   * Seconds of requests before the timed ones, as (b) and (d) warm up: a service that has
   * only ingested so far runs its first read requests through cold code (V8 compiles a path
   * once it runs often) and fresh statement plans.
   */
  warmupSeconds: number;
}): Promise<ReadLatencyResult> {
  const started = performance.now();
  const personIds = await loadHistory(
    options.databaseUrl,
    options.people,
    options.readingsPerPerson,
  );
  // Five years of a live system were checkpointed long ago; loaded in minutes, they fill the
  // WAL, and the last checkpoint's writes (spread by checkpoint_completion_target) overlapped
  // every request below in a run (bench/README.md, "Method").
  await settle(options.databaseUrl);
  const loadSeconds = (performance.now() - started) / 1000;
  const headers = { authorization: `Bearer ${options.token}` };
  const time = async (path: string) => {
    const t0 = performance.now();
    const response = await fetch(`${options.baseUrl}${path}`, { headers });
    await response.arrayBuffer();
    if (!response.ok)
      throw Object.assign(new Error(`${path}: ${response.status}`), { status: response.status });
    return performance.now() - t0;
  };
  // The measured requests visit people (i * 7919) mod N for i < requests, distinct for any N
  // that the prime 7919 does not divide; the warm-up visits the others, so that it warms code
  // and connections, not the measured people's pages.
  const person = (i: number) => personIds[(i * 7919) % personIds.length];
  const warmup = await warmUp(options.warmupSeconds, async (k) => {
    await time(
      `/api/v1/people/${person(options.requests + (k % (personIds.length - options.requests)))}/exposure`,
    );
    // A dashboard that fails is reported by its timed requests below.
    if (k % 10 === 0) await time('/api/v1/dashboard').catch(() => undefined);
  });
  const exposure: number[] = [];
  for (let i = 0; i < options.requests; i++)
    exposure.push(await time(`/api/v1/people/${person(i)}/exposure`));
  let dashboard: ReadLatencyResult['dashboard'];
  try {
    const samples: number[] = [];
    for (let i = 0; i < Math.max(10, options.requests / 10); i++)
      samples.push(await time('/api/v1/dashboard'));
    dashboard = summary(samples, 0.95);
  } catch (error) {
    dashboard = { unavailable: String((error as Error).message) };
  }
  return {
    people: options.people,
    readings: options.people * options.readingsPerPerson,
    loadSeconds,
    warmupRequests: warmup,
    exposure: summary(exposure, 0.95),
    dashboard,
  };
}

/** Runs `request(k)` for k = 0, 1, … until `seconds` have passed; returns how many ran. */
async function warmUp(seconds: number, request: (k: number) => Promise<void>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let k = 0;
  while (performance.now() < until) await request(k++);
  return k;
}

function summary(samples: number[], high: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, high),
  };
}

/**
 * People, badges, assignments, readings (increments 1 µSv each), their daily totals, the closed
 * years' totals and standings.
 */
async function loadHistory(
  databaseUrl: string,
  people: number,
  perPerson: number,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `CREATE TEMP TABLE history_people AS
      SELECT gen_random_uuid() AS id, 'HIST-' || lpad(g::text, 6, '0') AS serial FROM generate_series(1, $1) g`,
      [people],
    );
    await client.query(
      `INSERT INTO person (id, kind, name) SELECT id, 'worker', serial FROM history_people`,
    );
    await client.query(
      // Heard from just now (their last reading is now), as ingestion would have recorded:
      // otherwise the alert schedule finds 10 000 silent badges mid-measurement.
      `INSERT INTO badge (serial, body_location, last_seen_at) SELECT serial, 'trunk', now() FROM history_people`,
    );
    await client.query(`INSERT INTO badge_assignment (badge_serial, person_id, valid_from)
      SELECT serial, id, now() - interval '6 years' FROM history_people`);
    // Readings spread evenly over the last five years; register = seq µSv, increment 1 µSv.
    await client.query(
      `INSERT INTO reading (badge_serial, seq, measured_at, hp10_nsv, hp007_nsv, inc_hp10_nsv, inc_hp007_nsv,
                            reset, person_id, effective_nsv, skin_nsv)
       SELECT h.serial, s, now() - interval '5 years' + (interval '5 years' / $1) * s, s * 1000, s * 1000,
              1000, 1000, false, h.id, 1000, 1000
         FROM history_people h, generate_series(1, $1) s`,
      [perPerson],
    );
    // In day order, as ingestion writes them (a day's totals of everyone together), not in
    // the aggregate's hash order, which spreads a person's rows over more heap pages
    // (bench/README.md, "Method").
    await client.query(`INSERT INTO daily_dose (person_id, quantity, day, dose_nsv)
      SELECT r.person_id, q.quantity, (r.measured_at AT TIME ZONE 'UTC')::date, sum(1000)
        FROM reading r JOIN history_people h ON h.serial = r.badge_serial,
             (VALUES ('effective'), ('skin')) AS q(quantity)
       GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`);
    await closeLoadedHistory(client);
    // Their dashboard standings (largest fraction of a limit: here the EU 20 mSv year limit on
    // effective dose), as the alert evaluation would have stored them, so the dashboard
    // ranks all of them.
    await client.query(`INSERT INTO person_standing (person_id, fraction, quantity, period, value_nsv, limit_nsv, as_of_day)
      SELECT h.id, coalesce(sum(d.dose_nsv), 0) / 20000000.0, 'effective', 'year',
             coalesce(sum(d.dose_nsv), 0), 20000000, current_date
        FROM history_people h
        LEFT JOIN daily_dose d ON d.person_id = h.id AND d.quantity = 'effective'
                              AND d.day >= date_trunc('year', current_date)
       GROUP BY h.id`);
    // Five years of a live system have been vacuumed by autovacuum many times over (hint
    // bits set, visibility map kept); a bulk load has not, and its first reads would write.
    await client.query('VACUUM ANALYZE');
    return (
      await client.query<{ id: string }>('SELECT id FROM history_people ORDER BY serial')
    ).rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
