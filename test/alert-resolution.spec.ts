import type { MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { AlertScheduler } from '../src/alerts/alert-scheduler.service.js';
import {
  AlertSubscriber,
  pause,
  settled,
  stopAlertSchedule,
  until,
  type Received,
} from './support/alert-listeners.js';
import { connectPublisher, publishJson } from './support/mqtt-publisher.js';
import { iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';

const MINUTE = 60_000;

/**
 * DESIGN.md §6 on MQTT: an alert object carries its value, limit and unit (a dose rate its
 * µSv/h), and an alert that clears by itself or is resolved goes out again on the same topics
 * with `state: resolved`, exactly once, whoever resolved it and whichever process sends it.
 */
describe('alert values and resolutions on MQTT', () => {
  let session: RsoSession;
  let device: MqttClient;
  let subscriber: AlertSubscriber;
  let personId: string;
  const serial = unique('RS');
  const start = Date.now() - 30 * MINUTE;
  const send = async (seq: number, reading: Record<string, number>) => {
    const topic = `${session.service.config.topicPrefix}/badges/${serial}/readings`;
    await publishJson(device, topic, { seq, measuredAt: iso(start + seq * MINUTE), ...reading });
    await settled(session.service, serial, seq);
  };
  const about = (id: string): Received[] =>
    subscriber.received.filter(({ alert }) => alert.id === id);
  const resolutions = (id: string): string[] =>
    about(id)
      .filter(({ alert }) => alert.state === 'resolved')
      .map(({ topic }) => topic);

  beforeAll(async () => {
    session = await startRsoSession();
    stopAlertSchedule(session.service);
    device = await connectPublisher();
    subscriber = await AlertSubscriber.start(session.service.config.topicPrefix);
    personId = (await session.technician.get('/api/v1/me/exposure')).body.personId;
    await session.rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    await session.rso.post(`/api/v1/badges/${serial}/assignments`, {
      personId,
      from: iso(start - 60 * MINUTE),
    });
  });
  afterAll(async () => {
    await subscriber.stop();
    await device.endAsync();
    await session.service.close();
  });

  it('sends a dose-rate alert with its rate, and its clearing once, resolved, on the same topics', async () => {
    await send(1, { hp10: 10, doseRate: 612.5 });
    await until(() => subscriber.about([], [serial]).length === 2);
    const [raised] = subscriber.received.filter(({ alert }) => alert.badgeSerial === serial);
    const id = raised.alert.id;
    expect(raised.alert).toMatchObject({
      kind: 'doseRate',
      level: 'high',
      value: 612.5,
      limit: 500,
      unit: 'µSv/h',
      fraction: 1.225,
      state: 'open',
    });
    const prefix = session.service.config.topicPrefix;
    const topics = [`${prefix}/alerts/high`, `${prefix}/badges/${serial}/alerts`];
    expect(about(id).map(({ topic }) => topic)).toEqual(topics);

    await send(2, { hp10: 10, doseRate: 399 });
    await until(() => resolutions(id).length === 2);
    expect(resolutions(id)).toEqual(topics);
    expect(about(id).at(-1)?.alert).toMatchObject({ id, state: 'resolved', value: 612.5 });

    // Neither a later reading below the clear rate nor the schedule's sweep sends it again.
    await send(3, { hp10: 10, doseRate: 100 });
    await session.service.app.get(AlertScheduler).runOnce();
    await pause(300);
    expect(about(id)).toHaveLength(4);
  });

  it('publishes an RSO resolution once, and one a stopped process committed, from the sweep', async () => {
    await send(4, { hp10: 10, doseRate: 700 });
    await send(5, { hp10: 10, doseRate: 800 });
    await until(() => subscriber.about([], [serial]).length === 6);
    const id = subscriber.received.at(-1)!.alert.id;
    const resolved = await session.rso.post(`/api/v1/alerts/${id}/resolve`, { note: 'left room' });
    expect(resolved.status).toBe(200);
    await until(() => resolutions(id).length === 2);
    expect(about(id).at(-1)?.alert).toMatchObject({ state: 'resolved', value: 700 });

    // A resolution committed by a process that stopped before sending it (an operator's SQL
    // stands in for it): the schedule's sweep sends it, once.
    await send(6, { hp10: 10, doseRate: 900 });
    await until(() => subscriber.about([], [serial]).length === 10);
    const next = subscriber.received.at(-1)!.alert.id;
    await session.service.app.get(DataSource).query(
      `UPDATE alert SET state = 'resolved', resolved_by = 'system', resolved_at = now(),
                updated_at = now() - interval '1 minute' WHERE id = $1`,
      [next],
    );
    const scheduler = session.service.app.get(AlertScheduler);
    await scheduler.runOnce();
    await until(() => resolutions(next).length === 2);
    await scheduler.runOnce();
    await pause(300);
    expect(resolutions(id)).toHaveLength(2);
    expect(resolutions(next)).toHaveLength(2);
  });
});
