import type { IPublishPacket, MqttClient } from 'mqtt';
import { randomBytes } from 'node:crypto';
import { startMosquitto, type RunningMosquitto } from './support/mosquitto.js';
import { connectPublisher, publishJson } from './support/mqtt-publisher.js';
import { settled, stopAlertSchedule, until } from './support/alert-listeners.js';
import { iso, newRsoLogin, unique } from './support/rso-session.js';
import { Http } from './support/http.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SERVICE_USER = 'dose-service';
/** The shipped ACL grants the topics of DESIGN.md §3 under the default prefix only. */
const PREFIX = 'dose/v1';

/**
 * MQTT 5 alert publications (DESIGN.md §3, §6) through a real Mosquitto with the shipped
 * config: each says it is JSON (Content Type), and an open dose-rate alarm carries a Message
 * Expiry Interval (a stale rate must not buzz a badge that comes back later), its resolution
 * none (a badge that buzzed must hear that it may stop). The badge itself subscribes.
 */
describe('alert publications over MQTT 5', () => {
  let broker: RunningMosquitto;
  let service: TestApp;
  let badge: MqttClient;
  const received: IPublishPacket[] = [];
  const serial = unique('M5');
  const password = randomBytes(12).toString('hex');

  beforeAll(async () => {
    broker = await startMosquitto({ users: { [SERVICE_USER]: password, [serial]: password } });
    const mqttUrl = `mqtt://${SERVICE_USER}:${password}@127.0.0.1:${broker.port}`;
    service = await startTestApp(
      { MQTT_TOPIC_PREFIX: PREFIX },
      { mqttUrl, mqttProtocolVersion: 5, sharedSubscription: true },
    );
    stopAlertSchedule(service);
    badge = await connectPublisher(broker.url, { username: serial, password, protocolVersion: 5 });
    badge.on('message', (_topic, _payload, packet) => received.push(packet));
    await badge.subscribeAsync(`${PREFIX}/badges/${serial}/alerts`, { qos: 1 });
    const rso = await newRsoLogin(new Http(service.baseUrl));
    const personId = (await rso.post('/api/v1/people', { kind: 'worker', name: 'M5' })).body.id;
    await rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    await rso.post(`/api/v1/badges/${serial}/assignments`, {
      personId,
      from: iso(Date.now() - 3_600_000),
    });
  });
  afterAll(async () => {
    await badge?.endAsync();
    await service?.close();
    await broker?.dispose();
  });

  it('sends JSON, an open dose-rate alarm with an expiry, its resolution without', async () => {
    const send = async (seq: number, doseRate: number) => {
      await publishJson(badge, `${PREFIX}/badges/${serial}/readings`, {
        seq,
        measuredAt: iso(Date.now() - 60_000 + seq * 1000),
        doseRate,
      });
      await settled(service, serial, seq);
    };
    await send(1, 700);
    await until(() => received.length === 1);
    await send(2, 100);
    await until(() => received.length === 2);
    const [open, resolved] = received.map((packet) => ({
      state: (JSON.parse(packet.payload.toString()) as { state: string }).state,
      contentType: packet.properties?.contentType,
      expiry: packet.properties?.messageExpiryInterval,
    }));
    expect(open).toEqual({
      state: 'open',
      contentType: 'application/json',
      expiry: expect.any(Number),
    });
    expect(open.expiry).toBeGreaterThan(0);
    expect(open.expiry).toBeLessThanOrEqual(300);
    expect(resolved).toEqual({
      state: 'resolved',
      contentType: 'application/json',
      expiry: undefined,
    });
  });
});
