import type { MqttClient } from 'mqtt';
import type { ExposureDto } from '../src/exposure/dto/exposure.dto.js';
import { AlertScheduler } from '../src/alerts/alert-scheduler.service.js';
import { stopAlertSchedule } from './support/alert-listeners.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { messages, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const FROM = '2026-03-01T00:00:00Z';
const AT = '2026-03-10T12:00:00Z';

/**
 * The badge and apron rules of DESIGN.md §4 through HTTP and MQTT: what the RSO records (an
 * apron on the assignment, the side of a ring badge) and what the worker's record shows.
 */
describe('worker dose rules: apron, sides, monitoring', () => {
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

  const exposure = async (id: string) =>
    (await session.rso.get<ExposureDto>(`/api/v1/people/${id}/exposure?at=2026-03-11T00:00:00Z`))
      .body.quantities;

  it('takes the most exposed hand of two ring badges, not their sum', async () => {
    // Left ring Hp(0.07) 30 mSv, right 12 mSv in March: extremity record 30 mSv (6 % of
    // 500), not 42.
    const id = await createWorker(session.rso, { name: 'Rin Rings' });
    const left = await wearBadge(session.rso, id, 'extremity', FROM, unique('RL'), {
      side: 'left',
    });
    const right = await wearBadge(session.rso, id, 'extremity', FROM, unique('RR'), {
      side: 'right',
    });
    await publishReadings(session.service, device, left, [
      { seq: 1, measuredAt: AT, hp007: 30_000 },
    ]);
    await publishReadings(session.service, device, right, [
      { seq: 1, measuredAt: AT, hp007: 12_000 },
    ]);
    expect((await exposure(id)).extremity).toMatchObject({
      monitored: true,
      year: 30,
      limits: [{ period: 'year', limitMSv: 500, fraction: 0.06 }],
    });
  });

  it('refuses a side on a badge that is not an extremity badge', async () => {
    const reply = await session.rso.post('/api/v1/badges', {
      serial: unique('TS'),
      bodyLocation: 'trunk',
      side: 'left',
    });
    expect(reply.status).toBe(400);
    expect(messages(reply)).toBe('side is for extremity badges only');
  });

  it('shows the eye lens of an apron wearer with a trunk badge only as not monitored', async () => {
    // Under the apron: Hp(10) 200, Hp(0.07) 220, Hp(3) 210 µSv. Effective 0.2 mSv
    // (H(trunk)); skin 0.22; the lens: not monitored, doses null instead of 0.
    const id = await createWorker(session.rso, { name: 'Ada Apron' });
    const trunk = await wearBadge(session.rso, id, 'trunk', FROM, undefined, { apron: true });
    await publishReadings(session.service, device, trunk, [
      { seq: 1, measuredAt: AT, hp10: 200, hp007: 220, hp3: 210 },
    ]);
    const quantities = await exposure(id);
    expect(quantities.effective).toMatchObject({ monitored: true, year: 0.2 });
    expect(quantities.skin).toMatchObject({ monitored: true, year: 0.22 });
    expect(quantities.eyeLens).toMatchObject({ monitored: false, year: null, lifetime: null });
    expect(quantities.extremity).toMatchObject({ monitored: false, year: null });
  });

  it('raises monitoringGap for a trunk badge alone under an apron, resolved by a collar badge', async () => {
    const id = await createWorker(session.rso, { name: 'Gus Gap' });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    await wearBadge(session.rso, id, 'trunk', since, undefined, { apron: true });
    const scheduler = session.service.app.get(AlertScheduler);
    const gaps = () =>
      session.sql(
        `SELECT quantity, period, state FROM alert WHERE kind = 'monitoringGap' AND person_id = $1`,
        [id],
      );
    await scheduler.runOnce();
    expect(await gaps()).toEqual([
      { quantity: 'eyeLens', period: `since:${since}`, state: 'open' },
    ]);
    await scheduler.runOnce();
    expect(await gaps()).toHaveLength(1);
    // The same person cannot be in an apron and out of it at once.
    const collarSerial = unique('CO');
    await session.rso.post('/api/v1/badges', { serial: collarSerial, bodyLocation: 'collar' });
    const contradicting = await session.rso.post(`/api/v1/badges/${collarSerial}/assignments`, {
      personId: id,
      from: since,
      apron: false,
    });
    expect(contradicting.status).toBe(409);
    const collar = await session.rso.post(`/api/v1/badges/${collarSerial}/assignments`, {
      personId: id,
      from: since,
      apron: true,
    });
    expect(collar.status).toBe(201);
    await scheduler.runOnce();
    expect(await gaps()).toEqual([
      { quantity: 'eyeLens', period: `since:${since}`, state: 'resolved' },
    ]);
  });
});
