import type { MqttClient } from 'mqtt';
import type { ExposureDto } from '../src/exposure/dto/exposure.dto.js';
import { AlertSubscriber, settled, until } from './support/alert-listeners.js';
import { connectPublisher, publishJson } from './support/mqtt-publisher.js';
import {
  DAY,
  iso,
  messages,
  startRsoSession,
  unique,
  type RsoSession,
} from './support/rso-session.js';

const HOUR = 3_600_000;

/** The facility day (UTC in tests) `ms` falls on. */
const day = (ms: number) => iso(ms).slice(0, 10);

/**
 * DESIGN.md §4, §5 end to end over the broker: a declared pregnant worker whose only badge is
 * a trunk badge has a fetal record, her deep dose (10 CFR 20.1208(c)(1)), and its alerts go
 * out on MQTT.
 *
 * `us-nrc`, conceived 40 days ago, declared 10 days ago; trunk badge registers Hp(10):
 * 800 µSv 30 days ago (before the declaration), then 1 100 µSv and 1 400 µSv today.
 * Hand-computed: increments 800, 300, 300 µSv; the fetal record over the whole pregnancy
 * (20.1208(a): from conception) is 1.4 mSv = 28 % of 5 mSv → doseLimit `notice` (≥ 10 %,
 * < 30 %); today's month holds 0.6 mSv > 0.5 → fetalMonthly for this month; the month of
 * the first reading holds 0.8 mSv > 0.5 → fetalMonthly for that month too (same month when
 * 30 days ago and today share one: then it holds 1.4 mSv, one alert).
 */
describe('a declared pregnant worker with one trunk badge', () => {
  let session: RsoSession;
  let device: MqttClient;
  let subscriber: AlertSubscriber;
  const now = Date.now();

  beforeAll(async () => {
    session = await startRsoSession();
    device = await connectPublisher();
    subscriber = await AlertSubscriber.start(session.service.config.topicPrefix);
  });
  afterAll(async () => {
    await subscriber.stop();
    await device.endAsync();
    await session.service.close();
  });

  const worker = async (profile: string) =>
    (await session.rso.post('/api/v1/people', { kind: 'worker', name: 'Pat Pregnant', profile }))
      .body.id as string;
  const wearTrunk = async (personId: string) => {
    const serial = unique('FT');
    await session.rso.post('/api/v1/badges', { serial, bodyLocation: 'trunk' });
    await session.rso.post(`/api/v1/badges/${serial}/assignments`, {
      personId,
      from: iso(now - 60 * DAY),
      apron: true,
    });
    return serial;
  };
  const publish = async (serial: string, readings: { at: number; hp10: number }[]) => {
    const topic = `${session.service.config.topicPrefix}/badges/${serial}/readings`;
    await publishJson(
      device,
      topic,
      readings.map(({ at, hp10 }, i) => ({ seq: i + 1, measuredAt: iso(at), hp10 })),
    );
    await settled(session.service, serial, readings.length);
  };
  const fetal = async (personId: string) =>
    (await session.rso.get<ExposureDto>(`/api/v1/people/${personId}/exposure`)).body.quantities
      .fetal;

  it('us-nrc: counts from conception, and the fetal alerts arrive on MQTT', async () => {
    const personId = await worker('us-nrc');
    const serial = await wearTrunk(personId);
    const declared = await session.rso.post(`/api/v1/people/${personId}/pregnancy`, {
      declaredAt: iso(now - 10 * DAY),
      estimatedConception: day(now - 40 * DAY),
    });
    expect(declared.status).toBe(201);
    const pregnancyId = declared.body.id as string;
    await publish(serial, [
      { at: now - 30 * DAY, hp10: 800 },
      { at: now - 2 * HOUR, hp10: 1100 },
      { at: now - HOUR, hp10: 1400 },
    ]);
    expect(await fetal(personId)).toMatchObject({
      monitored: true,
      pregnancy: 1.4,
      limits: [{ period: 'pregnancy', limitMSv: 5, fraction: 0.28 }],
    });
    const months = [...new Set([day(now - 30 * DAY), day(now - HOUR)].map((d) => d.slice(0, 7)))];
    const expected = [
      `notice doseLimit fetal pregnancy:${pregnancyId}`,
      ...months.map((month) => `warning fetalMonthly fetal month:${month}`),
    ].sort();
    const arrived = () =>
      [
        ...new Set(
          subscriber.received
            .filter(
              ({ topic, alert }) =>
                alert.personId === personId &&
                alert.quantity === 'fetal' &&
                topic.includes('/alerts/'),
            )
            .map(
              ({ alert }) =>
                `${alert.level} ${alert.kind} ${String(alert.quantity)} ${String(alert.period)}`,
            ),
        ),
      ].sort();
    await until(() => arrived().length >= expected.length);
    expect(arrived()).toEqual(expected);
    // The badge buzzes too: its own alert topic carries them.
    expect(
      subscriber.received.some(({ topic }) => topic.endsWith(`/badges/${serial}/alerts`)),
    ).toBe(true);
  });

  it('us-nrc 20.1208(d): 4.8 mSv by the declaration raises the limit to 5.3 mSv', async () => {
    // 4 800 µSv 20 days ago (after conception, before the declaration 10 days ago), then
    // 4 900 µSv today: 0.1 mSv since. Limit max(5, 4.8 + 0.5) = 5.3; 4.9 / 5.3 = 0.92452…
    const personId = await worker('us-nrc');
    const serial = await wearTrunk(personId);
    await session.rso.post(`/api/v1/people/${personId}/pregnancy`, {
      declaredAt: iso(now - 10 * DAY),
      estimatedConception: day(now - 40 * DAY),
    });
    await publish(serial, [
      { at: now - 20 * DAY, hp10: 4800 },
      { at: now - HOUR, hp10: 4900 },
    ]);
    const record = await fetal(personId);
    expect(record.pregnancy).toBe(4.9);
    expect(record.limits).toEqual([
      { period: 'pregnancy', limitMSv: 5.3, fraction: 4_900_000 / 5_300_000 },
    ]);
  });

  it('eu: counts from the declaration day, against 1 mSv', async () => {
    // 800 µSv 30 days ago (before the declaration: not counted), 1 100 µSv today: 0.3 mSv.
    const personId = await worker('eu');
    const serial = await wearTrunk(personId);
    await session.rso.post(`/api/v1/people/${personId}/pregnancy`, {
      declaredAt: iso(now - 10 * DAY),
    });
    await publish(serial, [
      { at: now - 30 * DAY, hp10: 800 },
      { at: now - HOUR, hp10: 1100 },
    ]);
    expect(await fetal(personId)).toMatchObject({
      monitored: true,
      pregnancy: 0.3,
      limits: [{ period: 'pregnancy', limitMSv: 1, fraction: 0.3 }],
    });
  });

  it('shows no fetal record without a declaration, and requires the conception under us-nrc', async () => {
    const personId = await worker('us-nrc');
    await wearTrunk(personId);
    expect(await fetal(personId)).toEqual({
      monitored: false,
      quarter: null,
      year: null,
      rolling12Months: null,
      rolling5Years: null,
      lifetime: null,
      projectedYearEnd: null,
      limits: [],
    });
    const refused = await session.rso.post(`/api/v1/people/${personId}/pregnancy`, {
      declaredAt: iso(now),
    });
    expect(refused.status).toBe(400);
    expect(messages(refused)).toMatch(/estimatedConception is required/);
    const implausible = await session.rso.post(`/api/v1/people/${personId}/pregnancy`, {
      declaredAt: iso(now),
      estimatedConception: day(now - 400 * DAY),
    });
    expect(implausible.status).toBe(400);
  });
});
