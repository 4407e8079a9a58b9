import type { MqttClient } from 'mqtt';
import { connectPublisher } from './support/mqtt-publisher.js';
import { startRsoSession, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const RANGE = 'from=2019-03-01T00:00:00Z&to=2019-04-01T00:00:00Z';
const HEADER =
  'person_id,name,employee_id,source,measured_at,badge_serial,body_location,seq,inc_hp10_usv,inc_hp007_usv,inc_hp3_usv,effective_msv,skin_msv,eye_lens_msv,extremity_msv,fetal_msv,reset,dose_rate_usv_h,battery,adjustment_id,reason';

/**
 * Dose history export (`GET /reports/readings/export`), March 2019, FACILITY_TZ UTC:
 *   Pat, trunk: Hp(10)/Hp(0.07) registers 100/120 µSv on the 4th, 350.5/400 on the 5th
 *   (increments 100/120 and 250.5/280: effective 0.1 and 0.2505 mSv, skin 0.12 and 0.28),
 *   and 500 on 1 April (outside the range); a -0.05 mSv effective adjustment on the 4th;
 *   Quinn, extremity: Hp(0.07) 1000 µSv on the 4th (extremity 1 mSv).
 * Lines by person (uuid order), then time; an adjustment after its day's readings.
 */
describe('dose history export (CSV)', () => {
  let session: RsoSession;
  let device: MqttClient;
  let pat: string;
  let quinn: string;
  let patBadge: string;
  let quinnBadge: string;
  let adjustmentId: string;

  beforeAll(async () => {
    session = await startRsoSession();
    device = await connectPublisher();
    const { rso, service } = session;
    pat = await createWorker(rso, { name: 'Pat Export' });
    quinn = await createWorker(rso, { name: 'Quinn Export' });
    patBadge = await wearBadge(rso, pat, 'trunk', '2019-01-01T00:00:00Z');
    quinnBadge = await wearBadge(rso, quinn, 'extremity', '2019-01-01T00:00:00Z');
    await publishReadings(service, device, patBadge, [
      { seq: 1, measuredAt: '2019-03-04T10:00:00Z', hp10: 100, hp007: 120 },
      { seq: 2, measuredAt: '2019-03-05T10:00:00Z', hp10: 350.5, hp007: 400 },
      { seq: 3, measuredAt: '2019-04-01T00:00:00Z', hp10: 500, hp007: 500 },
    ]);
    await publishReadings(service, device, quinnBadge, [
      { seq: 1, measuredAt: '2019-03-04T12:00:00Z', hp007: 1000 },
    ]);
    const adjustment = await rso.post(`/api/v1/people/${pat}/adjustments`, {
      quantity: 'effective',
      doseMSv: -0.05,
      date: '2019-03-04',
      reason: 'Badge exposed in "transit", corrected',
    });
    expect(adjustment.status).toBe(201);
    adjustmentId = adjustment.body.id;
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  const patLines = () => [
    `${pat},Pat Export,,reading,2019-03-04T10:00:00.000000Z,${patBadge},trunk,1,100,120,,0.1,0.12,,,,false,,,,`,
    `${pat},Pat Export,,adjustment,2019-03-04,,,,,,,-0.05,,,,,,,,${adjustmentId},"Badge exposed in ""transit"", corrected"`,
    `${pat},Pat Export,,reading,2019-03-05T10:00:00.000000Z,${patBadge},trunk,2,250.5,280,,0.2505,0.28,,,,false,,,,`,
  ];
  const quinnLines = () => [
    `${quinn},Quinn Export,,reading,2019-03-04T12:00:00.000000Z,${quinnBadge},extremity,1,,1000,,,,,1,,false,,,,`,
  ];
  const lines = (body: Buffer) => body.toString('utf8').split('\r\n');

  it("exports one person's readings and adjustments in the range", async () => {
    const reply = await session.rso.download(
      `/api/v1/reports/readings/export?personId=${pat}&${RANGE}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('text/csv; charset=utf-8');
    expect(lines(reply.body)).toEqual([HEADER, ...patLines(), '']);
  });

  it("exports everyone's, person by person", async () => {
    const reply = await session.rso.download(`/api/v1/reports/readings/export?${RANGE}`);
    const expected =
      pat < quinn ? [...patLines(), ...quinnLines()] : [...quinnLines(), ...patLines()];
    expect(lines(reply.body)).toEqual([HEADER, ...expected, '']);
  });

  it('validates the query and is the RSO’s alone', async () => {
    const path = '/api/v1/reports/readings/export';
    for (const query of [
      'from=2019-03-01T00:00:00Z',
      'from=2019-03-01&to=2019-04-01',
      'from=2019-04-01T00:00:00Z&to=2019-03-01T00:00:00Z',
      `${RANGE}&personId=nope`,
      `${RANGE}&format=pdf`,
    ])
      expect((await session.rso.get(`${path}?${query}`)).status).toBe(400);
    expect(
      (await session.rso.get(`${path}?${RANGE}&personId=00000000-0000-4000-8000-000000000000`))
        .status,
    ).toBe(404);
    expect((await session.technician.get(`${path}?${RANGE}&personId=${pat}`)).status).toBe(403);
  });
});
