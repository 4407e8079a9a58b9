import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import {
  countReadings,
  insertAssignment,
  insertBadge,
  insertWorker,
  totalsOf,
  uniqueSerial,
} from './support/fixtures.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { Http } from './support/http.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 15, 10, minute)).toISOString();

describe('MQTT reading ingestion (real broker and Postgres)', () => {
  let service: TestApp;
  let dataSource: DataSource;
  let device: MqttClient;
  const topic = (serial: string) => `${service.config.topicPrefix}/badges/${serial}/readings`;

  beforeAll(async () => {
    service = await startTestApp();
    dataSource = service.app.get(DataSource);
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await service.close();
  });

  it('counts a stream with repeats, a late reading and a reset exactly once', async () => {
    const person = await insertWorker(dataSource);
    const serial = await insertBadge(dataSource, 'collar');
    await insertAssignment(dataSource, serial, person);
    // hp10 registers 5, 9, (reset) 1, 3 arriving 1, 2, 4, 3 with repeats: increments 5, 4, 1, 2.
    const readings = { 1: 5, 2: 9, 3: 1, 4: 3 } as Record<number, number>;
    for (const seq of [1, 2, 2, 4, 1, 3, 4]) {
      await publishJson(device, topic(serial), {
        seq,
        measuredAt: at(seq),
        hp10: readings[seq],
        hp007: readings[seq] * 2,
      });
    }
    await eventually(async () =>
      (await countReadings(dataSource, serial)) === 4 ? true : undefined,
    );
    await eventually(async () => {
      const totals = await totalsOf(dataSource, person);
      return totals.effective === 12_000n ? totals : undefined;
    });
    // collar: hp10 -> effective, hp007 -> skin, and eye lens from hp007 when hp3 is absent.
    expect(await totalsOf(dataSource, person)).toEqual({
      effective: 12_000n,
      skin: 24_000n,
      eyeLens: 24_000n,
    });
  });

  it("splits the next wearer's increment when the previous wearer's reading arrives late", async () => {
    const [before, after] = [await insertWorker(dataSource), await insertWorker(dataSource)];
    const serial = await insertBadge(dataSource, 'trunk');
    const handover = new Date(at(10));
    await insertAssignment(dataSource, serial, before, undefined, handover);
    await insertAssignment(dataSource, serial, after, handover);
    // hp10 registers 2 (seq 1, first wearer) and 10 (seq 3, second wearer) arrive first:
    // increments 2 and 8. Then seq 2 (first wearer, register 6): increments 2, 4 and 4.
    await publishJson(device, topic(serial), [
      { seq: 1, measuredAt: at(1), hp10: 2 },
      { seq: 3, measuredAt: at(20), hp10: 10 },
    ]);
    await eventually(async () =>
      (await countReadings(dataSource, serial)) === 2 ? true : undefined,
    );
    // Its stored successor is the next wearer's, outside the late batch's own time span.
    await publishJson(device, topic(serial), { seq: 2, measuredAt: at(5), hp10: 6 });
    await eventually(async () =>
      (await countReadings(dataSource, serial)) === 3 ? true : undefined,
    );
    expect((await totalsOf(dataSource, before)).effective).toBe(6_000n);
    expect((await totalsOf(dataSource, after)).effective).toBe(4_000n);
  });

  it('takes a backlog array and keeps every bad message in the rejected store', async () => {
    const person = await insertWorker(dataSource);
    const serial = await insertBadge(dataSource, 'trunk');
    await insertAssignment(dataSource, serial, person);
    const backlog = Array.from({ length: 1000 }, (_, i) => ({
      seq: i + 1,
      measuredAt: at(0),
      hp10: (i + 1) * 0.001,
    }));
    await publishJson(device, topic(serial), backlog);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const bad: [string, unknown][] = [
      ['not-json', '{"seq": 1,'],
      ['negative', { seq: 2001, measuredAt: at(1), hp10: -1 }],
      ['future', { seq: 2002, measuredAt: future, hp10: 1 }],
      ['no zone', { seq: 2003, measuredAt: '2026-11-26T10:00:00', hp10: 1 }],
      ['too many', Array.from({ length: 1001 }, (_, i) => ({ seq: 3000 + i, measuredAt: at(0) }))],
      ['oversize', 'x'.repeat(300 * 1024)],
      [
        'mixed',
        [
          { seq: 1001, measuredAt: at(2), hp10: 1.001 },
          { seq: 'x', measuredAt: at(2) },
        ],
      ],
    ];
    for (const [, payload] of bad) await publishJson(device, topic(serial), payload);
    await publishJson(
      device,
      `${service.config.topicPrefix}/badges/bad+serial/readings`.replace('+', '%'),
      { seq: 1 },
    );
    await eventually(async () =>
      (await countReadings(dataSource, serial)) === 1001 ? true : undefined,
    );
    // registers 0.001 .. 1.000 µSv, then 1.001: 1001 nSv in all.
    expect(await totalsOf(dataSource, person)).toEqual({ effective: 1_001n });
    const rejected = await eventually(async () => {
      const rows = await dataSource.query<{ reason: string; payload_bytes: number }[]>(
        `SELECT reason, payload_bytes FROM rejected_message WHERE topic LIKE $1 ORDER BY id`,
        [`${service.config.topicPrefix}/%`],
      );
      return rows.length >= 8 ? rows : undefined;
    });
    const reasons = rejected.map((row) => row.reason).join('\n');
    expect(reasons).toMatch(/not valid JSON/);
    expect(reasons).toMatch(/hp10 must not be less than 0/);
    expect(reasons).toMatch(/in the future/);
    expect(reasons).toMatch(/ISO-8601 date-time with a zone/);
    expect(reasons).toMatch(/batch of 1001 readings exceeds 1000/);
    expect(reasons).toMatch(/exceeds MAX_PAYLOAD_BYTES/);
    expect(reasons).toMatch(/seq must be an integer/);
    expect(reasons).toMatch(/not a valid badge serial/);

    // The RSO reads them over HTTP, newest first, with the payload kept (truncated when large).
    const admin = await new Http(service.baseUrl).login(TEST_ADMIN.username, TEST_ADMIN.password);
    const rsoName = `rso-${serial}`;
    await admin.post('/api/v1/users', {
      username: rsoName,
      password: 'rso-password-long',
      role: 'rso',
    });
    const rso = await new Http(service.baseUrl).login(rsoName, 'rso-password-long');
    const listed = await rso.get<
      { topic: string; reason: string; payload: string; payloadBytes: number; truncated: boolean }[]
    >('/api/v1/ingest/rejected?limit=500');
    expect(listed.status).toBe(200);
    const ours = listed.body.filter((row) => row.topic.startsWith(service.config.topicPrefix));
    expect(ours.length).toBe(rejected.length);
    expect(ours.find((row) => row.reason.includes('not valid JSON'))?.payload).toBe('{"seq": 1,');
    expect(ours.find((row) => row.reason.includes('MAX_PAYLOAD_BYTES'))).toMatchObject({
      payloadBytes: 300 * 1024,
      truncated: true,
    });
    expect((await admin.get('/api/v1/ingest/rejected')).status).toBe(403);

    const metrics = (await new Http(service.baseUrl).get<string>('/metrics')).body;
    expect(metrics).toMatch(/dose_ingest_readings_total\{outcome="accepted"\} [1-9]/);
    expect(metrics).toMatch(/dose_ingest_readings_total\{outcome="rejected"\} [1-9]/);
    expect(metrics).toMatch(/dose_ingest_commit_seconds_count [1-9]/);
    expect(metrics).toMatch(/dose_ingest_batch_messages_count [1-9]/);
  });

  it('holds readings of an unknown badge, unattributed', async () => {
    const serial = uniqueSerial();
    await publishJson(device, topic(serial), [
      { seq: 1, measuredAt: at(1), hp10: 1 },
      { seq: 2, measuredAt: at(2), hp10: 3 },
    ]);
    await eventually(async () =>
      (await countReadings(dataSource, serial)) === 2 ? true : undefined,
    );
    const rows = await dataSource.query<{ person_id: string | null; inc_hp10_nsv: string }[]>(
      `SELECT person_id, inc_hp10_nsv FROM reading WHERE badge_serial = $1 ORDER BY seq`,
      [serial],
    );
    expect(rows).toEqual([
      { person_id: null, inc_hp10_nsv: '1000' },
      { person_id: null, inc_hp10_nsv: '2000' },
    ]);
  });
});
