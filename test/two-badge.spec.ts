import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { recomputeTotals } from '../src/readings/recompute-totals.js';
import { countReadings, totalsOf } from './support/fixtures.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';

const START = Date.UTC(2026, 8, 1, 8);
const HOUR = 3_600_000;

/**
 * DESIGN.md §4 through the whole service (US NRC profile, Webster 1.5/0.04): a worker wears a
 * trunk badge, and later a collar badge is registered for the same period. The trunk's
 * readings then count 1.5 × Hp(10) to effective and nothing to skin (the collar gives skin).
 * Registers: trunk hp10 10, 30 µSv (increments 10, 20), hp007 12, 36; collar hp10 200, 500
 * (increments 200, 300), hp007 240, 600, hp3 220, 550.
 * Hand-computed with both worn: effective = 1.5 × 30 + 0.04 × 500 = 45 + 20 = 65 µSv;
 * skin = collar hp007 600 µSv; eye lens = collar hp3 550 µSv.
 */
describe('two-badge effective dose through ingestion and reattribution', () => {
  let session: RsoSession;
  let device: MqttClient;

  beforeAll(async () => {
    session = await startRsoSession();
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  it('re-counts the trunk readings when a collar badge is assigned for the same time', async () => {
    const { rso, service } = session;
    const dataSource = service.app.get(DataSource);
    const personId = (
      await rso.post('/api/v1/people', {
        kind: 'worker',
        name: 'Ira Interventional',
        profile: 'us-nrc',
      })
    ).body.id as string;
    const trunk = unique('TR');
    const collar = unique('CO');
    await rso.post('/api/v1/badges', { serial: trunk, bodyLocation: 'trunk' });
    await rso.post(`/api/v1/badges/${trunk}/assignments`, { personId, from: iso(START - HOUR) });
    const topic = (serial: string) => `${service.config.topicPrefix}/badges/${serial}/readings`;
    await publishJson(device, topic(trunk), [
      { seq: 1, measuredAt: iso(START), hp10: 10, hp007: 12 },
      { seq: 2, measuredAt: iso(START + HOUR), hp10: 30, hp007: 36 },
    ]);
    await publishJson(device, topic(collar), [
      { seq: 1, measuredAt: iso(START), hp10: 200, hp007: 240, hp3: 220 },
      { seq: 2, measuredAt: iso(START + HOUR), hp10: 500, hp007: 600, hp3: 550 },
    ]);
    await eventually(async () =>
      (await countReadings(dataSource, collar)) === 2 ? true : undefined,
    );
    await eventually(async () =>
      (await countReadings(dataSource, trunk)) === 2 ? true : undefined,
    );
    // Trunk alone: single-badge mapping.
    expect(await totalsOf(dataSource, personId)).toEqual({ effective: 30_000n, skin: 36_000n });

    await rso.post('/api/v1/badges', { serial: collar, bodyLocation: 'collar' });
    expect(
      (
        await rso.post(`/api/v1/badges/${collar}/assignments`, {
          personId,
          from: iso(START - HOUR),
        })
      ).status,
    ).toBe(201);
    expect(await totalsOf(dataSource, personId)).toEqual({
      effective: 65_000n,
      skin: 600_000n,
      eyeLens: 550_000n,
    });
    const exposure = await rso.get(
      `/api/v1/people/${personId}/exposure?at=${encodeURIComponent(iso(START + 2 * HOUR))}`,
    );
    expect(exposure.body.quantities.effective.lifetime).toBe(0.065);

    const report = await recomputeTotals(dataSource, service.config.facilityTz, false);
    expect(report).toMatchObject({ readingsChanged: 0, differences: [] });
  });
});
