import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { AlertEvaluator } from '../src/alerts/alert-evaluator.service.js';
import { AlertScheduler } from '../src/alerts/alert-scheduler.service.js';
import { stopAlertSchedule } from './support/alert-listeners.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { iso, startRsoSession, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const HOUR = 3_600_000;

/**
 * GET /dashboard (DESIGN.md §8): everyone ranked by their largest fraction of a limit. Three
 * EU adults with trunk badges this year: 2, 6 and 4 mSv effective (year limit 20 mSv):
 * fractions 0.1, 0.3, 0.2, so the order is B (0.3), C (0.2), A (0.1). An apprentice with
 * 1.5 mSv (limit 6 mSv) stands at 0.25, between B and C.
 */
describe('dashboard', () => {
  let session: RsoSession;
  let device: MqttClient;

  beforeAll(async () => {
    session = await startRsoSession();
    stopAlertSchedule(session.service);
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  it('ranks people by their largest fraction of any limit', async () => {
    const { rso, service } = session;
    const start = Date.now() - 2 * HOUR;
    const people: Record<string, string> = {};
    for (const [name, mSv, category] of [
      ['Dash A', 2, 'adult'],
      ['Dash B', 6, 'adult'],
      ['Dash C', 4, 'adult'],
      ['Dash D', 1.5, 'apprentice'],
    ] as const) {
      const personId = await createWorker(rso, { name, category });
      people[name] = personId;
      const serial = await wearBadge(rso, personId, 'trunk', iso(start - HOUR));
      await publishReadings(service, device, serial, [
        { seq: 1, measuredAt: iso(start), hp10: mSv * 1000 },
      ]);
    }
    await service.app.get(AlertEvaluator).idle();

    const reply = await rso.get('/api/v1/dashboard?limit=500');
    expect(reply.status).toBe(200);
    const ours = (
      reply.body.people as { personId: string; fraction: number; valueMSv: number }[]
    ).filter((p) => Object.values(people).includes(p.personId));
    expect(ours.map((p) => [p.personId, p.fraction, p.valueMSv])).toEqual([
      [people['Dash B'], 0.3, 6],
      [people['Dash D'], 0.25, 1.5],
      [people['Dash C'], 0.2, 4],
      [people['Dash A'], 0.1, 2],
    ]);
    expect(reply.body.openAlerts.total).toBeGreaterThanOrEqual(4);
    expect(typeof reply.body.unattributedReadings).toBe('number');
    expect((await session.technician.get('/api/v1/dashboard')).status).toBe(403);
  });

  it('refreshes standings taken on an earlier day on the schedule', async () => {
    const { service, rso } = session;
    await service.app
      .get(DataSource)
      .query(`UPDATE person_standing SET as_of_day = DATE '2000-01-01', fraction = 0`);
    await service.app.get(AlertScheduler).runOnce();
    await service.app.get(AlertEvaluator).idle();
    const top = (await rso.get('/api/v1/dashboard?limit=500')).body.people as {
      fraction: number;
      asOfDay: string;
    }[];
    expect(top.some((p) => p.fraction === 0.3)).toBe(true);
    expect(top.filter((p) => p.asOfDay === '2000-01-01')).toEqual([]);
  });
});
