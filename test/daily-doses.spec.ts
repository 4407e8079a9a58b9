import type { MqttClient } from 'mqtt';
import { connectPublisher } from './support/mqtt-publisher.js';
import { startRsoSession, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

/**
 * The web UI's two routes: GET /people/:id/daily-doses?year= (the dose chart's daily totals,
 * from daily_dose) and GET /auth/session (who the token is for, and FACILITY_TZ).
 *
 * A trunk badge's hp10 register (µSv) goes 1 000 on 31 December of last year, 3 000 on
 * 5 January and 3 500 on 6 January of this year: effective dose 1 mSv on 31 December, then
 * 2 mSv and 0.5 mSv (UTC is the facility zone here).
 */
describe('daily doses and the session', () => {
  let session: RsoSession;
  let device: MqttClient;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    session = await startRsoSession({ FACILITY_TZ: 'UTC' });
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  it("answers a person's daily totals of one year, to the RSO and to that person only", async () => {
    const { rso, technician, service } = session;
    const personId = await createWorker(rso, { name: 'Dora Daily' });
    const serial = await wearBadge(rso, personId, 'trunk', `${year - 1}-12-01T00:00:00Z`);
    await publishReadings(service, device, serial, [
      { seq: 1, measuredAt: `${year - 1}-12-31T10:00:00Z`, hp10: 1000 },
      { seq: 2, measuredAt: `${year}-01-05T10:00:00Z`, hp10: 3000 },
      { seq: 3, measuredAt: `${year}-01-06T10:00:00Z`, hp10: 3500 },
    ]);

    const thisYear = await rso.get(`/api/v1/people/${personId}/daily-doses?year=${year}`);
    expect(thisYear.status).toBe(200);
    expect(thisYear.body).toEqual({
      personId,
      year,
      quantities: {
        effective: [
          { day: `${year}-01-05`, doseMSv: 2 },
          { day: `${year}-01-06`, doseMSv: 0.5 },
        ],
      },
    });
    // Without a year: the facility's current one.
    expect((await rso.get(`/api/v1/people/${personId}/daily-doses`)).body).toEqual(thisYear.body);
    expect(
      (await rso.get(`/api/v1/people/${personId}/daily-doses?year=${year - 1}`)).body.quantities,
    ).toEqual({ effective: [{ day: `${year - 1}-12-31`, doseMSv: 1 }] });

    for (const bad of ['abc', '1899', '2201', '2026.5'])
      expect((await rso.get(`/api/v1/people/${personId}/daily-doses?year=${bad}`)).status).toBe(
        400,
      );
    expect((await rso.get(`/api/v1/people/${crypto.randomUUID()}/daily-doses`)).status).toBe(404);

    // A technician: their own person yes, anyone else 404, as for nobody.
    const own = (await technician.get('/api/v1/me/exposure')).body.personId as string;
    expect((await technician.get(`/api/v1/people/${own}/daily-doses`)).status).toBe(200);
    expect((await technician.get(`/api/v1/people/${personId}/daily-doses`)).status).toBe(404);
    expect((await session.admin.get(`/api/v1/people/${personId}/daily-doses`)).status).toBe(403);
  });

  it('tells each login who it is and the facility time zone, and nobody without a token', async () => {
    const { admin, rso, rsoName, technician, http } = session;
    const own = (await technician.get('/api/v1/me/exposure')).body.personId as string;
    expect((await rso.get('/api/v1/auth/session')).body).toEqual({
      username: rsoName.toLowerCase(),
      role: 'rso',
      personId: null,
      facilityTz: 'UTC',
    });
    expect((await technician.get('/api/v1/auth/session')).body).toMatchObject({
      role: 'technician',
      personId: own,
    });
    expect((await admin.get('/api/v1/auth/session')).body).toMatchObject({ role: 'admin' });
    expect((await http.get('/api/v1/auth/session')).status).toBe(401);
  });
});
