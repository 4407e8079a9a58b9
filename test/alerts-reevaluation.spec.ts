import type { MqttClient } from 'mqtt';
import { setLowLimit, settled, stopAlertSchedule } from './support/alert-listeners.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';

const MINUTE = 60_000;

/**
 * Dose and limits also change outside ingestion (DESIGN.md §3.3 held readings, §5 limits as
 * data): alerts follow without waiting for the person's next reading. Readings of 400 µSv
 * arrive for a badge nobody is known to wear; the technician's 5-year limit is 1 mSv.
 * Assigning the badge counts them: 40 % -> warning. Lowering the limit to 0.5 mSv: 80 % -> high.
 */
describe('alerts re-evaluated when dose or limits change without a new reading', () => {
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

  it('raises on assignment of held readings, and escalates when the limit is lowered', async () => {
    const { rso, service } = session;
    const personId = (await session.technician.get('/api/v1/me/exposure')).body.personId as string;
    await setLowLimit(service, personId);
    const serial = unique('HELD');
    const start = Date.now() - 60 * MINUTE;
    await publishJson(device, `${service.config.topicPrefix}/badges/${serial}/readings`, [
      { seq: 1, measuredAt: iso(start + MINUTE), hp10: 150 },
      { seq: 2, measuredAt: iso(start + 2 * MINUTE), hp10: 400 },
    ]);
    await settled(service, serial, 2);
    const alertsOf = async () =>
      (await rso.get(`/api/v1/alerts?personId=${personId}&kind=doseLimit`)).body as {
        level: string;
        fraction: number;
      }[];
    expect(await alertsOf()).toEqual([]);

    await rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    await rso.post(`/api/v1/badges/${serial}/assignments`, { personId, from: iso(start) });
    const raised = await eventually(async () => {
      const alerts = await alertsOf();
      return alerts.length > 0 ? alerts : undefined;
    });
    expect(raised).toEqual([expect.objectContaining({ level: 'warning', fraction: 0.4 })]);

    const lowered = await rso.send('PUT', `/api/v1/people/${personId}/limits`, {
      quantity: 'effective',
      period: '5years',
      limitMSv: 0.5,
      reason: 'test: a stricter constraint',
    });
    expect(lowered.status).toBe(200);
    const escalated = await eventually(async () => {
      const alerts = await alertsOf();
      return alerts[0]?.level === 'high' ? alerts : undefined;
    });
    expect(escalated).toEqual([expect.objectContaining({ level: 'high', fraction: 0.8 })]);
  });
});
