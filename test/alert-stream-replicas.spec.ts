import type { MqttClient } from 'mqtt';
import {
  AlertStream,
  pause,
  rebase,
  settled,
  stopAlertSchedule,
  tokenOf,
  until,
} from './support/alert-listeners.js';
import { connectPublisher, publishJson } from './support/mqtt-publisher.js';
import { iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * GET /api/v1/alerts/stream with two replicas of the service on one database (DESIGN.md §8,
 * §9): a stream on either carries the alerts raised by both, each once, and a quiet stream
 * gets keep-alive comments.
 */
describe('the alert event stream across replicas', () => {
  let session: RsoSession;
  let other: TestApp;
  let device: MqttClient;
  const serial = unique('SR');

  beforeAll(async () => {
    session = await startRsoSession();
    other = await startTestApp();
    stopAlertSchedule(session.service);
    stopAlertSchedule(other);
    device = await connectPublisher();
    const personId = (await session.technician.get('/api/v1/me/exposure')).body.personId;
    await session.rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    await session.rso.post(`/api/v1/badges/${serial}/assignments`, {
      personId,
      from: iso(Date.now() - 3_600_000),
    });
  });
  afterAll(async () => {
    await device.endAsync();
    await other.close();
    await session.service.close();
  });

  it('carries an alert raised by the other replica, and its own ones once', async () => {
    const ours = (alert: { badgeSerial?: string }) => alert.badgeSerial === serial;
    const here = await AlertStream.open(session.service.baseUrl, session.rso, ours);
    const there = await AlertStream.open(other.baseUrl, rebase(session.rso, other.baseUrl), ours);
    // Anyone with the role may NOTIFY on the channel: what is not an alert is dropped.
    await session.sql(`SELECT pg_notify('alert_published', p) FROM unnest($1::text[]) AS p`, [
      ['not json', '{}', 'null', '{"origin":"x","message":null}'],
    ]);
    const topic = `${session.service.config.topicPrefix}/badges/${serial}/readings`;
    await publishJson(device, topic, { seq: 1, measuredAt: iso(Date.now() - 1000), doseRate: 700 });
    await settled(session.service, serial, 1);
    await until(() => there.events.length === 1 && here.events.length === 1);
    await pause(300);
    expect(there.events).toEqual(here.events);
    expect(there.events[0].alert).toMatchObject({ kind: 'doseRate', badgeSerial: serial });
    await Promise.all([here.close(), there.close()]);
  });

  it('sends keep-alive comments on a quiet stream', async () => {
    const abort = new AbortController();
    const response = await fetch(`${other.baseUrl}/api/v1/alerts/stream`, {
      headers: { authorization: `Bearer ${tokenOf(session.rso)}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of response.body!) {
      text += decoder.decode(chunk, { stream: true });
      if (/^: ?keep-alive$/m.test(text)) break;
    }
    abort.abort();
    expect(text).toMatch(/^: ?keep-alive$/m);
  }, 30_000);
});
