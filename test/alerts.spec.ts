import type { MqttClient } from 'mqtt';
import { AlertScheduler } from '../src/alerts/alert-scheduler.service.js';
import {
  AlertStream,
  AlertSubscriber,
  pause,
  rebase,
  setLowLimit,
  settled,
  stopAlertSchedule,
  until,
} from './support/alert-listeners.js';
import type { Http } from './support/http.js';
import { connectPublisher, publishJson } from './support/mqtt-publisher.js';
import { iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const MINUTE = 60_000;

/**
 * DESIGN.md §5–§6 end to end: a technician's 5-year effective limit is set to 1 mSv, so
 * readings of 100, 300, 800 and 1000 µSv (registers of a trunk badge: hp10 → effective)
 * reach 10, 30, 80 and 100 %: one alert escalated four times, each level published once on
 * `{prefix}/alerts/{level}` and the badge's topic and pushed once over server-sent events. The
 * 5-year limit keeps the other dose rules quiet: on the us-nrc profile (setLowLimit) the
 * quarter's 1.2 mSv stays below investigation Level I (1.25 mSv), and the year limit is
 * 50 mSv, so the projection (1.2 mSv × at most 13 < 50) never reaches it.
 */
describe('alerts from MQTT readings to MQTT and server-sent events', () => {
  let session: RsoSession;
  let service: TestApp;
  let rso: Http;
  let device: MqttClient;
  let subscriber: AlertSubscriber;
  let streams: AlertStream[] = [];
  let personId: string;
  const serial = unique('AL');
  const start = Date.now() - 30 * MINUTE;
  const send = async (seq: number, reading: Record<string, number>, stored: number) => {
    const topic = `${service.config.topicPrefix}/badges/${serial}/readings`;
    await publishJson(device, topic, { seq, measuredAt: iso(start + seq * MINUTE), ...reading });
    await settled(service, serial, stored);
  };
  const mine = () => subscriber.about([personId], [serial]);
  // Other test files' badges share the database: the schedule may raise alerts about them.
  const ours = (alert: { personId?: string | null; badgeSerial?: string | null }) =>
    alert.personId === personId || alert.badgeSerial === serial;

  beforeAll(async () => {
    session = await startRsoSession();
    service = session.service;
    rso = session.rso;
    stopAlertSchedule(service);
    device = await connectPublisher();
    subscriber = await AlertSubscriber.start(service.config.topicPrefix);
    personId = (await session.technician.get('/api/v1/me/exposure')).body.personId;
    await setLowLimit(service, personId);
    await rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    await rso.post(`/api/v1/badges/${serial}/assignments`, {
      personId,
      from: iso(start - 60 * MINUTE),
    });
  });
  afterAll(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
    await subscriber.stop();
    await device.endAsync();
    await service.close();
  });

  it('escalates one alert four times, each level sent once on MQTT and SSE', async () => {
    const rsoStream = await AlertStream.open(service.baseUrl, rso, ours);
    const technicianStream = await AlertStream.open(service.baseUrl, session.technician);
    streams = [rsoStream, technicianStream];
    const levels = ['notice', 'warning', 'high', 'critical'];
    for (const [i, hp10] of [100, 300, 800, 1000].entries()) {
      await send(i + 1, { hp10 }, i + 1);
      await until(() => mine().length === 2 * (i + 1));
      await until(() => rsoStream.events.length === i + 1);
      await until(() => technicianStream.events.length === i + 1);
    }
    const id = rsoStream.events[0].alert.id;
    const prefix = service.config.topicPrefix;
    expect(mine()).toEqual(
      levels.flatMap((level) => [
        `${prefix}/alerts/${level} ${level} doseLimit ${id}`,
        `${prefix}/badges/${serial}/alerts ${level} doseLimit ${id}`,
      ]),
    );
    expect(rsoStream.alerts).toEqual(levels.map((level) => `${level} doseLimit ${id}`));
    expect(rsoStream.events.at(-1)).toEqual({
      type: 'alert',
      id: `${id}:critical`,
      alert: {
        id,
        kind: 'doseLimit',
        level: 'critical',
        personId,
        quantity: 'effective',
        period: '5years',
        value: 1,
        limit: 1,
        unit: 'mSv',
        valueMSv: 1,
        limitMSv: 1,
        fraction: 1,
        raisedAt: expect.any(String),
        state: 'open',
      },
    });
    expect(subscriber.received.at(-1)?.alert).toEqual(rsoStream.events.at(-1)?.alert);
    expect(technicianStream.alerts).toEqual(rsoStream.alerts);
  });

  it('sends nothing more for a redelivery, more dose at the same level, or a restart', async () => {
    await send(4, { hp10: 1000 }, 4); // redelivery: acknowledged and ignored
    await send(5, { hp10: 1100 }, 5); // 110 %: still critical
    await pause(500);
    expect(mine()).toHaveLength(8);
    expect(streams.map((stream) => stream.events.length)).toEqual([4, 4]);

    await Promise.all(streams.map((stream) => stream.close()));
    const { topicPrefix, mqttClientId, shareGroup } = service.config;
    await service.close();
    service = await startTestApp({
      MQTT_TOPIC_PREFIX: topicPrefix,
      MQTT_CLIENT_ID: mqttClientId,
      MQTT_SHARE_GROUP: shareGroup,
    });
    stopAlertSchedule(service);
    rso = rebase(session.rso, service.baseUrl);
    streams = [await AlertStream.open(service.baseUrl, rso, ours)];
    await send(5, { hp10: 1100 }, 5);
    await send(6, { hp10: 1200 }, 6);
    // The schedule's sweep finds nothing of ours left unsent.
    expect((await service.app.get(AlertScheduler).runOnce()).swept).toBe(0);
    await pause(500);
    expect(mine()).toHaveLength(8);
    expect(streams[0].events).toEqual([]);
  });

  it('raises a dose-rate alert at 500 µSv/h and clears it below 400 µSv/h only', async () => {
    const [stream] = streams;
    await send(7, { hp10: 1200, doseRate: 612.5 }, 7);
    await until(() => mine().length === 10 && stream.events.length === 1);
    const { id, badgeSerial, level, kind } = stream.events[0].alert;
    expect({ badgeSerial, wearer: stream.events[0].alert.personId, level, kind }).toEqual({
      badgeSerial: serial,
      wearer: personId,
      level: 'high',
      kind: 'doseRate',
    });
    const prefix = service.config.topicPrefix;
    expect(mine().slice(8)).toEqual([
      `${prefix}/alerts/high high doseRate ${id}`,
      `${prefix}/badges/${serial}/alerts high doseRate ${id}`,
    ]);
    await send(8, { hp10: 1200, doseRate: 450 }, 8); // between 400 and 500: holds
    expect((await rso.get(`/api/v1/alerts/${id}`)).body.state).toBe('open');
    await send(9, { hp10: 1200, doseRate: 399 }, 9);
    const cleared = (await rso.get(`/api/v1/alerts/${id}`)).body;
    expect(cleared).toMatchObject({ state: 'resolved', resolvedBy: 'system' });
    expect(cleared.resolveNote).toContain('399');
    // The clearing goes out on the same topics, resolved, so the badge stops buzzing.
    await until(() => mine().length === 12 && stream.events.length === 2);
    expect(mine().slice(10)).toEqual(mine().slice(8, 10));
    expect(stream.events[1]).toMatchObject({ id: `${id}:resolved`, alert: { state: 'resolved' } });
    await send(10, { hp10: 1200, doseRate: 501 }, 10); // a new episode: a new alert
    await until(() => stream.events.length === 3);
    expect(stream.events[2].alert).toMatchObject({ kind: 'doseRate', state: 'open' });
    expect(stream.events[2].alert.id).not.toBe(id);
    await pause(300);
    expect(mine()).toHaveLength(14);
  });
});
