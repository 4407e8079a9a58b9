import type { MqttClient } from 'mqtt';
import { connectPublisher, eventually } from './support/mqtt-publisher.js';
import { pdfTexts } from './support/pdf-check.js';
import { startRsoSession, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const lastYear = new Date().getUTCFullYear() - 1;
const quarter = `${lastYear}-Q3`;

interface Row {
  personId: string;
  profile: string;
  quantity: string;
  doseMSv: number;
  adjustmentsMSv: number;
  levelIMSv: number;
  levelIIMSv: number;
  investigationLevel: string;
  alert: { id: string; level: string; state: string } | null;
}

/**
 * Quarterly ALARA report (DESIGN.md §5: the quarter's dose against the investigation levels of
 * the person's profile; the seeded ones are 10 % and 30 % of a quarter of the annual limit:
 * eu effective 20 / 4 = 5 mSv, so 0.5 / 1.5 mSv; eu skin 500 / 4 = 125, so 12.5 / 37.5 mSv;
 * us-nrc effective 50 / 4 = 12.5, so 1.25 / 3.75 mSv). Trunk badges, readings on 10 August
 * last year:
 *   Ann (eu): 1.2 mSv effective -> Level I;
 *   Ben (eu): 7 mSv effective -> II (7 / 1.5 = 4.7 times it); skin 160 mSv -> II (4.3 times);
 *   Cat (eu): 1.4 mSv + a 0.1 mSv adjustment on 30 September -> exactly 1.5 mSv, II;
 *   Dan (us-nrc): 2 mSv -> I by his profile's levels (II by eu's);
 *   Fay (eu): 0.4 mSv, below Level I: not in this report;
 *   Eve (eu): 5 mSv, but on 10 May: another quarter, not in this report;
 *   Pia, a patient wearing a dosimeter: 5 mSv, not occupational, not in this report.
 * Level II first, each level's rows the furthest over it first (Ann: 1.2 / 0.5 = 2.4, Dan:
 * 2 / 1.25 = 1.6). Ben's effective alert is acknowledged: the report shows its state.
 */
describe('quarterly ALARA report', () => {
  let session: RsoSession;
  let device: MqttClient;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    session = await startRsoSession();
    device = await connectPublisher();
    const { rso, service } = session;
    const dose = async (
      name: string,
      reading: Record<string, unknown>,
      body: Record<string, unknown> = {},
    ) => {
      people[name] = await createWorker(rso, { name, ...body });
      const serial = await wearBadge(rso, people[name], 'trunk', `${lastYear}-01-01T00:00:00Z`);
      await publishReadings(service, device, serial, [
        { seq: 1, measuredAt: `${lastYear}-08-10T09:00:00Z`, ...reading },
      ]);
    };
    await dose('Ann', { hp10: 1200 });
    await dose('Ben', { hp10: 7000, hp007: 160000 });
    await dose('Cat', { hp10: 1400 });
    await dose('Dan', { hp10: 2000 }, { profile: 'us-nrc' });
    await dose('Fay', { hp10: 400 });
    await dose('Eve', { hp10: 5000, measuredAt: `${lastYear}-05-10T09:00:00Z` });
    await dose('Pia', { hp10: 5000 }, { kind: 'patient' });
    const adjusted = await rso.post(`/api/v1/people/${people.Cat}/adjustments`, {
      quantity: 'effective',
      doseMSv: 0.1,
      date: `${lastYear}-09-30`,
      reason: 'Dose of a day the badge was forgotten, from the co-worker',
    });
    expect(adjusted.status).toBe(201);
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  const ours = (rows: Row[]) =>
    rows
      .filter((row) => Object.values(people).includes(row.personId))
      .map((row) => ({
        ...row,
        name: Object.keys(people).find((name) => people[name] === row.personId),
      }));
  const report = async () => {
    const reply = await session.rso.get(`/api/v1/reports/alara?quarter=${quarter}`);
    expect(reply.status).toBe(200);
    return reply.body as {
      quarter: string;
      from: string;
      to: string;
      rows: Row[];
      levels: Record<string, unknown>[];
    };
  };

  it('lists everyone at or over level I or II, with doses and alert states', async () => {
    // Cat's warning comes from re-evaluation after the adjustment: wait for it.
    await eventually(async () =>
      ours((await report()).rows).find((r) => r.name === 'Cat')?.alert?.level === 'warning'
        ? true
        : undefined,
    );
    const benEffective = ours((await report()).rows).find(
      (r) => r.name === 'Ben' && r.quantity === 'effective',
    );
    const ack = await session.rso.post(`/api/v1/alerts/${benEffective?.alert?.id}/acknowledge`, {
      note: 'Investigated: fluoroscopy-guided procedures',
    });
    expect(ack.status).toBe(200);

    const body = await report();
    expect(body).toMatchObject({
      quarter,
      from: `${lastYear}-07-01`,
      to: `${lastYear}-09-30`,
    });
    // The levels it applied, named with the report.
    expect(body.levels).toHaveLength(8);
    expect(body.levels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          profile: 'us-nrc',
          quantity: 'effective',
          levelIMSv: 1.25,
          levelIIMSv: 3.75,
        }),
        expect.objectContaining({
          profile: 'eu',
          quantity: 'skin',
          levelIMSv: 12.5,
          levelIIMSv: 37.5,
        }),
      ]),
    );
    const alert = (level: string, state = 'open'): unknown =>
      expect.objectContaining({ level, state });
    expect(ours(body.rows)).toEqual([
      expect.objectContaining({
        name: 'Ben',
        profile: 'eu',
        quantity: 'effective',
        doseMSv: 7,
        levelIMSv: 0.5,
        levelIIMSv: 1.5,
        investigationLevel: 'II',
        alert: alert('warning', 'acknowledged'),
      }),
      expect.objectContaining({
        name: 'Ben',
        quantity: 'skin',
        doseMSv: 160,
        levelIMSv: 12.5,
        levelIIMSv: 37.5,
        investigationLevel: 'II',
        alert: alert('warning'),
      }),
      expect.objectContaining({
        name: 'Cat',
        doseMSv: 1.5,
        adjustmentsMSv: 0.1,
        investigationLevel: 'II',
        alert: alert('warning'),
      }),
      expect.objectContaining({
        name: 'Ann',
        doseMSv: 1.2,
        investigationLevel: 'I',
        alert: alert('notice'),
      }),
      expect.objectContaining({
        name: 'Dan',
        profile: 'us-nrc',
        doseMSv: 2,
        levelIMSv: 1.25,
        levelIIMSv: 3.75,
        investigationLevel: 'I',
        alert: alert('notice'),
      }),
    ]);
  });

  it('prints as CSV and PDF', async () => {
    const csv = await session.rso.download(`/api/v1/reports/alara?quarter=${quarter}&format=csv`);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const lines = csv.body.toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'quarter,person_id,name,employee_id,profile,quantity,dose_msv,adjustments_msv,level_i_msv,level_ii_msv,investigation_level,alert_level,alert_state',
    );
    expect(lines).toContain(
      `${quarter},${people.Cat},Cat,,eu,effective,1.5,0.1,0.5,1.5,II,warning,open`,
    );
    expect(lines).toContain(
      `${quarter},${people.Ben},Ben,,eu,effective,7,0,0.5,1.5,II,warning,acknowledged`,
    );
    const pdf = await session.rso.download(`/api/v1/reports/alara?quarter=${quarter}&format=pdf`);
    expect(pdf.type).toBe('application/pdf');
    expect(pdfTexts(pdf.body)).toEqual(
      expect.arrayContaining([
        `Quarterly ALARA report ${quarter}`,
        'Cat',
        'warning, acknowledged',
        'Investigation levels applied (dose within one calendar quarter)',
      ]),
    );
  });

  it('validates the quarter and is the RSO’s alone', async () => {
    for (const q of [`${lastYear}-Q5`, 'Q3', `${lastYear}-Q3x`])
      expect((await session.rso.get(`/api/v1/reports/alara?quarter=${q}`)).status).toBe(400);
    expect((await session.technician.get(`/api/v1/reports/alara?quarter=${quarter}`)).status).toBe(
      403,
    );
    expect((await session.http.get(`/api/v1/reports/alara`)).status).toBe(401);
  });
});
