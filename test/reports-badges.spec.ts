import type { MqttClient } from 'mqtt';
import { connectPublisher } from './support/mqtt-publisher.js';
import { pdfTexts } from './support/pdf-check.js';
import { iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const dayOf = (ms: number) => iso(ms).slice(0, 10);

/**
 * Badge report (`GET /reports/badges`), BADGE_SILENT_AFTER 24 h, FACILITY_TZ UTC:
 *   SEEN: assigned 3 days ago, last reading 50 h ago -> silent since then, 50 h;
 *   NEVER: assigned 30 h ago, never heard from -> silent since the assignment, 30 h;
 *   FRESH: assigned, reading 1 h ago -> not silent;
 *   LOST: assigned, then reported lost with the assignment still open -> not returned;
 *   calibration due yesterday (overdue), in 10 days (due soon), in 60 days (not listed), and
 *   a retired badge due yesterday (not listed);
 *   an unknown badge with Hp(10) registers 100 then 250 µSv -> 2 unattributed readings, 250 µSv;
 *   a registered, unassigned extremity badge, Hp(0.07) 40.5 µSv -> 1 reading, 40.5 µSv.
 */
describe('badge report', () => {
  let session: RsoSession;
  let device: MqttClient;
  let personId: string;
  const now = Date.now();
  const serial = (name: string) => `${name}-${suffix}`;
  const suffix = unique('B').slice(2);

  beforeAll(async () => {
    session = await startRsoSession();
    device = await connectPublisher();
    const { rso, service } = session;
    personId = await createWorker(rso, { name: 'Bea Badge' });
    const wear = (name: string, from: number) =>
      wearBadge(rso, personId, 'trunk', iso(from), serial(name));
    await wear('SEEN', now - 3 * DAY);
    await publishReadings(service, device, serial('SEEN'), [
      { seq: 1, measuredAt: iso(now - 50 * HOUR), hp10: 1 },
    ]);
    await wear('NEVER', now - 30 * HOUR);
    await wear('FRESH', now - 3 * DAY);
    await publishReadings(service, device, serial('FRESH'), [
      { seq: 1, measuredAt: iso(now - HOUR), hp10: 1 },
    ]);
    await wear('LOST', now - 2 * HOUR);
    expect(
      (await rso.send('PATCH', `/api/v1/badges/${serial('LOST')}`, { status: 'lost' })).status,
    ).toBe(200);
    for (const [name, due] of [
      ['OVERDUE', dayOf(now - DAY)],
      ['SOON', dayOf(now + 10 * DAY)],
      ['LATER', dayOf(now + 60 * DAY)],
      ['RETIRED', dayOf(now - DAY)],
    ])
      await rso.post('/api/v1/badges', {
        serial: serial(name),
        bodyLocation: 'collar',
        calibrationDue: due,
      });
    await rso.send('PATCH', `/api/v1/badges/${serial('RETIRED')}`, { status: 'retired' });
    await publishReadings(service, device, serial('UNKNOWN'), [
      { seq: 1, measuredAt: iso(now - 3 * HOUR), hp10: 100 },
      { seq: 2, measuredAt: iso(now - 2 * HOUR), hp10: 250 },
    ]);
    await rso.post('/api/v1/badges', { serial: serial('IDLE'), bodyLocation: 'extremity' });
    await publishReadings(service, device, serial('IDLE'), [
      { seq: 1, measuredAt: iso(now - 2 * HOUR), hp007: 40.5 },
    ]);
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  const ours = <T extends { serial: string }>(rows: T[]) =>
    rows.filter((row) => row.serial.endsWith(suffix));

  it('lists silent, unreturned, calibration-due badges and unattributed readings', async () => {
    const reply = await session.rso.get('/api/v1/reports/badges');
    expect(reply.status).toBe(200);
    const body = reply.body;
    expect(ours(body.silent)).toEqual([
      {
        serial: serial('SEEN'),
        bodyLocation: 'trunk',
        personId,
        name: 'Bea Badge',
        silentSince: iso(now - 50 * HOUR),
        lastSeenAt: iso(now - 50 * HOUR),
        silentHours: 50,
      },
      expect.objectContaining({
        serial: serial('NEVER'),
        silentSince: iso(now - 30 * HOUR),
        lastSeenAt: null,
        silentHours: 30,
      }),
    ]);
    expect(ours(body.unreturned)).toEqual([
      expect.objectContaining({
        serial: serial('LOST'),
        status: 'lost',
        personId,
        assignedFrom: iso(now - 2 * HOUR),
      }),
    ]);
    expect(ours(body.calibrationDue)).toEqual([
      expect.objectContaining({
        serial: serial('OVERDUE'),
        calibrationDue: dayOf(now - DAY),
        overdue: true,
      }),
      expect.objectContaining({
        serial: serial('SOON'),
        calibrationDue: dayOf(now + 10 * DAY),
        overdue: false,
      }),
    ]);
    expect(ours(body.unattributed)).toEqual([
      expect.objectContaining({
        serial: serial('IDLE'),
        registered: true,
        bodyLocation: 'extremity',
        readings: 1,
        hp10USv: 0,
        hp007USv: 40.5,
      }),
      {
        serial: serial('UNKNOWN'),
        registered: false,
        bodyLocation: null,
        readings: 2,
        firstMeasuredAt: iso(now - 3 * HOUR),
        lastMeasuredAt: iso(now - 2 * HOUR),
        hp10USv: 250,
        hp007USv: 0,
        hp3USv: 0,
      },
    ]);
  });

  it('prints as CSV and PDF', async () => {
    const csv = await session.rso.download('/api/v1/reports/badges?format=csv');
    const lines = csv.body.toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'category,badge_serial,body_location,status,person_id,name,since,last_seen_at,calibration_due,readings,first_measured_at,last_measured_at,hp10_usv,hp007_usv,hp3_usv',
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        `unreturned,${serial('LOST')},trunk,lost,${personId},Bea Badge,${iso(now - 2 * HOUR)},,,,,,,,`,
        `calibration_overdue,${serial('OVERDUE')},collar,active,,,,,${dayOf(now - DAY)},,,,,,`,
        `unattributed_readings,${serial('UNKNOWN')},(not registered),,,,,,,2,${iso(now - 3 * HOUR)},${iso(now - 2 * HOUR)},250,0,0`,
      ]),
    );
    const pdf = await session.rso.download('/api/v1/reports/badges?format=pdf');
    expect(pdfTexts(pdf.body)).toEqual(
      expect.arrayContaining(['Silent badges', 'Badges not returned', serial('UNKNOWN'), '40.5']),
    );
    expect((await session.technician.get('/api/v1/reports/badges')).status).toBe(403);
    expect((await session.rso.get('/api/v1/reports/badges?format=docx')).status).toBe(400);
  });
});
