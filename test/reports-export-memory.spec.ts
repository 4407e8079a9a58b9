import { readFile, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { EXPORT_BATCH_ROWS } from '../src/reports/export/readings-export.service.js';
import { newRsoLogin, unique } from './support/rso-session.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { ServiceInstance } from './support/service-instance.js';
import { ServiceProcess } from './support/service-process.js';
import { testMqttProtocol, testMqttUrl } from './support/test-env.js';

const BADGES = 3;
const READINGS_PER_BADGE = 83_334;
const READINGS = BADGES * READINGS_PER_BADGE; // 250 002
/**
 * How much the service's peak resident memory may grow while it streams the export. The
 * CSV is about 45 MB and its rows as node-postgres objects several times that, so a server
 * holding the result (or the file) would exceed it many times over; streaming holds one batch.
 */
const MAX_GROWTH_MB = 64;
/**
 * The service's V8 heap limit here. With room to spare V8 grows its heap lazily, so RSS would
 * measure the collector's policy rather than what the export keeps; under this cap garbage is
 * collected and what is retained shows. Holding the 250 002 rows does not fit in it (tried:
 * with one batch of everything the process dies of heap exhaustion mid-export), streaming
 * grows RSS by about 30 MB.
 */
const HEAP_LIMIT_MB = 128;
const TIMEOUT_MS = 300_000;

afterAll(() => ServiceProcess.killAll());

/** Resident set size now and its peak since the last reset, in MB (Linux /proc). */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * A year of a large hospital exports without loading it into memory. 250 002
 * readings of one person in 2025 (three badges with the same timestamps, µs precision, so
 * ties cross batch boundaries), inserted directly; the built service, as a process of its
 * own on a database of its own, streams them as CSV. Every reading comes exactly once, in
 * order, in a heap capped at HEAP_LIMIT_MB, and the process's peak RSS (VmHWM, reset first
 * through /proc/<pid>/clear_refs) grows by less than MAX_GROWTH_MB.
 */
describe('export of a large range in bounded memory', () => {
  let scratch: ScratchDatabase;
  let service: ServiceInstance;
  let personId: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase(unique('export_memory'));
    const id = unique('mem');
    service = await ServiceInstance.start({
      databaseUrl: scratch.url,
      mqttUrl: testMqttUrl(),
      clientId: `test-${id}`,
      shareGroup: id,
      env: {
        MQTT_TOPIC_PREFIX: `${id}/dose/v1`,
        MQTT_PROTOCOL_VERSION: String(testMqttProtocol()),
        NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB}`,
      },
    });
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const [person] = (
        await client.query<{ id: string }>(
          `INSERT INTO person (kind, name) VALUES ('worker', 'Big Export') RETURNING id`,
        )
      ).rows;
      personId = person.id;
      await client.query(
        `INSERT INTO badge (serial, body_location) SELECT 'BIG-' || b, 'trunk' FROM generate_series(1, $1::int) b`,
        [BADGES],
      );
      await client.query(
        `INSERT INTO badge_assignment (badge_serial, person_id, valid_from)
         SELECT 'BIG-' || b, $1, '2025-01-01T00:00:00Z' FROM generate_series(1, $2::int) b`,
        [personId, BADGES],
      );
      await client.query(
        `INSERT INTO reading (badge_serial, seq, measured_at, hp10_nsv, inc_hp10_nsv, effective_nsv, person_id)
         SELECT 'BIG-' || b, g, timestamptz '2025-01-01T00:00:00.123457Z' + g * interval '2 minutes',
                g * 1000, 1000, 1000, $1
           FROM generate_series(1, $2::int) g, generate_series(1, $3::int) b`,
        [personId, READINGS_PER_BADGE, BADGES],
      );
      await client.query('ANALYZE reading');
    } finally {
      await client.end();
    }
  }, TIMEOUT_MS);

  afterAll(async () => {
    await service?.stop();
    await scratch?.drop();
  }, TIMEOUT_MS);

  it(
    'streams every reading once, in order, with the peak RSS bounded',
    async () => {
      const rso = await newRsoLogin(service.http);
      // Warm up: the export's code paths are loaded before memory is measured.
      const warm = await rso.download(
        `/api/v1/reports/readings/export?personId=${personId}&from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z`,
      );
      expect(warm.status).toBe(200);
      const pid = service.pid!;
      await writeFile(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
      const before = await memoryOf(pid);

      const response = await rso.open(
        `/api/v1/reports/readings/export?personId=${personId}` +
          '&from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      );
      expect(response.status).toBe(200);
      // Read as it comes, keeping only the unfinished line: the test holds no file either.
      let rest = '';
      let lines = 0;
      const wrong: string[] = [];
      const decoder = new TextDecoder();
      for await (const chunk of response.body!) {
        const text = rest + decoder.decode(chunk, { stream: true });
        const parts = text.split('\r\n');
        rest = parts.pop() ?? '';
        for (const line of parts) {
          if (lines > 0) {
            // Line i (from 1): badge BIG-((i-1) % 3 + 1), seq ceil(i / 3); 1 µSv, 0.001 mSv.
            const fields = line.split(',');
            const seq = Math.ceil(lines / BADGES);
            const badge = `BIG-${((lines - 1) % BADGES) + 1}`;
            if (
              fields[5] !== badge ||
              fields[7] !== String(seq) ||
              fields[8] !== '1' ||
              fields[11] !== '0.001'
            )
              if (wrong.length < 5) wrong.push(`line ${lines}: ${line}`);
          }
          lines += 1;
        }
      }
      const after = await memoryOf(pid);
      const growth = after.peak - before.rss;
      console.log(
        `exported ${lines - 1} readings in batches of ${EXPORT_BATCH_ROWS}: RSS ${before.rss.toFixed(1)} MB before, ` +
          `peak ${after.peak.toFixed(1)} MB during (+${growth.toFixed(1)} MB)`,
      );
      expect(rest).toBe('');
      expect(wrong).toEqual([]);
      expect(lines - 1).toBe(READINGS);
      expect(growth).toBeLessThan(MAX_GROWTH_MB);
    },
    TIMEOUT_MS,
  );
});
