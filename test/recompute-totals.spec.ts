import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { recomputeTotals } from '../src/readings/recompute-totals.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { runCli } from './support/run-cli.js';
import { seededRandom, shuffle } from './support/random.js';
import { DAY, iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { testDatabaseUrl } from './support/test-env.js';

const CLI = 'readings/recompute-totals.cli.js';
const SEED = Number(process.env.TEST_SEED ?? Date.now() % 100_000);
const BADGES = 6;
const READINGS_PER_BADGE = 60;
const START = Date.UTC(2026, 5, 1);
const STEP = 3_600_000;

/**
 * DESIGN.md §3: a randomized stream (repeats, out of order, resets,
 * reassignments, unknown badges registered later) through the real broker and service; the
 * totals rebuilt from stored readings must equal the incrementally kept ones to the nSv.
 */
describe(`recompute-totals (seed ${SEED})`, () => {
  let session: RsoSession;
  let device: MqttClient;
  let dataSource: DataSource;

  beforeAll(async () => {
    session = await startRsoSession();
    dataSource = session.service.app.get(DataSource);
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  it('rebuilds exactly the totals kept during ingestion', async () => {
    const random = seededRandom(SEED);
    const { rso } = session;
    const people: string[] = [];
    for (let i = 0; i < 3; i++)
      people.push((await rso.post('/api/v1/people', { kind: 'worker', name: `W${i}` })).body.id);
    const serials = Array.from({ length: BADGES }, () => unique('R'));
    const locations = ['trunk', 'collar', 'eye', 'extremity', 'fetal', 'collar'];
    const registered = new Set<number>();
    // Half the badges are registered and assigned up front; the rest stay unknown for now.
    for (let b = 0; b < BADGES; b += 2) {
      await register(b);
    }
    const messages: { serial: string; body: unknown }[] = [];
    serials.forEach((serial) => {
      let register = 0;
      for (let seq = 1; seq <= READINGS_PER_BADGE; seq++) {
        register =
          random() < 0.05 ? Math.floor(random() * 500) : register + Math.floor(random() * 5000);
        const reading = {
          seq,
          measuredAt: iso(START + seq * STEP),
          hp10: register / 1000,
          hp007: (register * 1.2) / 1000,
        };
        messages.push({ serial, body: random() < 0.2 ? [reading] : reading });
        if (random() < 0.1) messages.push({ serial, body: reading });
      }
    });
    const sent = shuffle(messages, random);
    const half = Math.floor(sent.length / 2);
    for (const { serial, body } of sent.slice(0, half))
      await publishJson(device, topic(serial), body);
    // Mid-stream: reassign a registered badge from its wearer to another from the middle of the period.
    await rso.post(`/api/v1/badges/${serials[0]}/return`, { at: iso(START + 30 * STEP) });
    await rso.post(`/api/v1/badges/${serials[0]}/assignments`, {
      personId: people[2],
      from: iso(START + 30 * STEP),
    });
    for (const { serial, body } of sent.slice(half)) await publishJson(device, topic(serial), body);
    // The unknown badges are registered and assigned after their readings arrived.
    for (let b = 1; b < BADGES; b += 2) await register(b);
    await eventually(async () => {
      const [row] = await session.sql(
        `SELECT count(*)::int AS n FROM reading WHERE badge_serial = ANY($1)`,
        [serials],
      );
      return row.n === BADGES * READINGS_PER_BADGE ? true : undefined;
    }, 60_000);

    const report = await recomputeTotals(dataSource, session.service.config.facilityTz, false);
    expect(report.readingsChanged).toBe(0);
    expect(report.differences).toEqual([]);
    const [counted] = await session.sql(
      `SELECT count(*)::int AS n FROM reading WHERE badge_serial = ANY($1) AND person_id IS NOT NULL`,
      [serials],
    );
    expect(counted.n).toBe(BADGES * READINGS_PER_BADGE);

    // The command operators run says the same, and fails when a total is wrong.
    expect(await runCli(CLI, testDatabaseUrl(), ['--check'])).toMatchObject({
      code: 0,
      output: expect.stringContaining('match the readings'),
    });
    await session.sql(
      `UPDATE daily_dose SET dose_nsv = dose_nsv + 1 WHERE (person_id, quantity, day) =
         (SELECT person_id, quantity, day FROM daily_dose WHERE person_id = $1 ORDER BY day, quantity LIMIT 1)`,
      [people[0]],
    );
    expect(await runCli(CLI, testDatabaseUrl(), ['--check'])).toMatchObject({
      code: 1,
      output: expect.stringContaining('1 daily totals differ'),
    });
    expect((await runCli(CLI, testDatabaseUrl(), [])).code).toBe(0);
    expect(
      (await recomputeTotals(dataSource, session.service.config.facilityTz, false)).differences,
    ).toEqual([]);

    async function register(b: number): Promise<void> {
      const serial = serials[b];
      await rso.post('/api/v1/badges', { serial, bodyLocation: locations[b] });
      const reply = await rso.post(`/api/v1/badges/${serial}/assignments`, {
        personId: people[b % 2],
        from: iso(START - DAY),
      });
      expect(reply.status).toBe(201);
      registered.add(b);
    }
  });

  function topic(serial: string): string {
    return `${session.service.config.topicPrefix}/badges/${serial}/readings`;
  }
});
