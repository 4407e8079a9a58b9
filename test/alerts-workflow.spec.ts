import type { MqttClient } from 'mqtt';
import {
  AlertStream,
  AlertSubscriber,
  pause,
  setLowLimit,
  settled,
  stopAlertSchedule,
  until,
  type AlertMessage,
} from './support/alert-listeners.js';
import { connectPublisher, publishJson } from './support/mqtt-publisher.js';
import { iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';

const HOUR = 3_600_000;

/**
 * The alert workflow and who sees what (DESIGN.md §6–§8): open → acknowledged → resolved with
 * who, when and a note, audited; a technician reads only their own person's alerts, another
 * person's answer 404, and their event stream carries only their own.
 */
describe('alert workflow and access', () => {
  let session: RsoSession;
  let device: MqttClient;
  let subscriber: AlertSubscriber;
  let personId: string;
  let alertId: string;
  const streams: AlertStream[] = [];
  const at = Date.now() - HOUR;

  /** A worn trunk badge, and one reading of it. */
  async function raise(wearer: string, reading: Record<string, number>): Promise<string> {
    const serial = unique('AW');
    await session.rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    await session.rso.post(`/api/v1/badges/${serial}/assignments`, {
      personId: wearer,
      from: iso(at - HOUR),
    });
    const topic = `${session.service.config.topicPrefix}/badges/${serial}/readings`;
    await publishJson(device, topic, { seq: 1, measuredAt: iso(at), ...reading });
    await settled(session.service, serial, 1);
    return serial;
  }

  beforeAll(async () => {
    session = await startRsoSession();
    stopAlertSchedule(session.service);
    device = await connectPublisher();
    subscriber = await AlertSubscriber.start(session.service.config.topicPrefix);
    personId = (await session.technician.get('/api/v1/me/exposure')).body.personId;
    await setLowLimit(session.service, personId);
    // 1000 µSv of a 1 mSv limit at once: straight to critical, one alert.
    const serial = await raise(personId, { hp10: 1000 });
    await until(() => subscriber.about([personId], [serial]).length === 2);
    alertId = subscriber.received[0].alert.id;
  });
  afterAll(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
    await subscriber.stop();
    await device.endAsync();
    await session.service.close();
  });

  it('acknowledges, then resolves, each step recorded and audited', async () => {
    const { rso, technician } = session;
    const path = `/api/v1/alerts/${alertId}`;
    expect((await technician.post(`${path}/acknowledge`, { note: '' })).status).toBe(400);
    const long = { note: 'x'.repeat(2001) };
    expect((await technician.post(`${path}/acknowledge`, long)).status).toBe(400);
    const acknowledged = await technician.post(`${path}/acknowledge`, { note: 'Left the lab' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      kind: 'doseLimit',
      level: 'critical',
      state: 'acknowledged',
      acknowledgedBy: expect.stringMatching(/^tech-/),
      acknowledgedAt: expect.any(String),
      acknowledgeNote: 'Left the lab',
    });
    expect((await technician.post(`${path}/acknowledge`, { note: 'again' })).status).toBe(409);
    expect((await technician.post(`${path}/resolve`, { note: 'mine' })).status).toBe(403);
    const resolved = await rso.post(`${path}/resolve`, { note: 'Investigated: source found' });
    expect(resolved.body).toMatchObject({
      state: 'resolved',
      resolvedBy: session.rsoName,
      resolveNote: 'Investigated: source found',
      acknowledgeNote: 'Left the lab',
    });
    expect((await rso.post(`${path}/acknowledge`, { note: 'late' })).status).toBe(409);
    expect((await rso.post(`${path}/resolve`, { note: 'twice' })).status).toBe(409);
    const audit = await session.sql(
      `SELECT action, actor, before->>'state' AS before, after->>'state' AS after FROM audit_log
        WHERE entity = 'alert' AND entity_id = $1 ORDER BY id`,
      [alertId],
    );
    expect(audit).toEqual([
      {
        action: 'alert.acknowledge',
        actor: acknowledged.body.acknowledgedBy,
        before: 'open',
        after: 'acknowledged',
      },
      {
        action: 'alert.resolve',
        actor: session.rsoName,
        before: 'acknowledged',
        after: 'resolved',
      },
    ]);
  });

  it("shows a technician their own alerts only, and another person's as 404", async () => {
    const { rso, technician, service } = session;
    const other = (await rso.post('/api/v1/people', { kind: 'worker', name: 'Otto Other' })).body
      .id as string;
    // An RSO's stream carries every replica's alerts on the run's shared database.
    const rsoStream = await AlertStream.open(service.baseUrl, rso, (a) => a.personId === other);
    const technicianStream = await AlertStream.open(service.baseUrl, technician);
    streams.push(rsoStream, technicianStream);
    await raise(other, { doseRate: 800 });
    await until(() => rsoStream.events.length === 1);
    const otherAlert = rsoStream.events[0].alert;
    expect(otherAlert).toMatchObject({ personId: other, kind: 'doseRate', level: 'high' });

    expect((await technician.get(`/api/v1/alerts/${otherAlert.id}`)).status).toBe(404);
    expect((await technician.get(`/api/v1/alerts?personId=${other}`)).status).toBe(404);
    const acknowledge = { note: 'not mine' };
    const path = `/api/v1/alerts/${otherAlert.id}/acknowledge`;
    expect((await technician.post(path, acknowledge)).status).toBe(404);
    const own = await technician.get<AlertMessage[]>('/api/v1/me/alerts');
    expect(own.body.map((a) => a.id)).toEqual([alertId]);
    const listed = await technician.get<AlertMessage[]>(
      `/api/v1/alerts?personId=${personId}&kind=doseLimit&state=resolved`,
    );
    expect(listed.body.map((a) => a.id)).toEqual([alertId]);
    expect((await technician.get(`/api/v1/alerts/${alertId}`)).status).toBe(200);
    expect((await rso.get<AlertMessage[]>(`/api/v1/alerts?personId=${other}`)).body).toEqual([
      expect.objectContaining({ id: otherAlert.id }),
    ]);
    expect((await rso.get('/api/v1/alerts?state=closed')).status).toBe(400);
    await pause(300);
    expect(technicianStream.events).toEqual([]);
  });
});
