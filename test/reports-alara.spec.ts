import type { MqttClient } from 'mqtt';
import { connectPublisher, eventually } from './support/mqtt-publisher.js';
import { pdfTexts } from './support/pdf-check.js';
import { startRsoSession, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const lastYear = new Date().getUTCFullYear() - 1;
const quarter = `${lastYear}-Q3`;

interface Row {
  personId: string;
  quantity: string;
  doseMSv: number;
  adjustmentsMSv: number;
  annualLimitMSv: number;
  fraction: number;
  investigationLevel: string;
  alert: { id: string; level: string; state: string } | null;
}

/**
 * Quarterly ALARA report (DESIGN.md §5: investigation levels at 10 % and 30 % of the
 * annual limit within one calendar quarter). Trunk badges, readings on 10 August last year:
 *   Ann (eu, 20 mSv/yr effective): 2.5 mSv -> 12.5 %, level I;
 *   Ben (eu): 7 mSv effective -> 35 %, II; skin 160 mSv of 500 -> 32 %, II;
 *   Cat (eu): 1.9 mSv (9.5 %) + a 0.1 mSv adjustment on 30 September -> exactly 10 %, I;
 *   Dan (us-nrc, 50 mSv/yr): 6 mSv -> 12 %, I (his own profile's limit);
 *   Eve (eu): 5 mSv, but on 10 May: another quarter, not in this report;
 *   Pia, a patient wearing a dosimeter: 5 mSv, not occupational, not in this report.
 * Ben's effective alert is acknowledged: the report shows its state.
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
    await dose('Ann', { hp10: 2500 });
    await dose('Ben', { hp10: 7000, hp007: 160000 });
    await dose('Cat', { hp10: 1900 });
    await dose('Dan', { hp10: 6000 }, { profile: 'us-nrc' });
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
    return reply.body as { quarter: string; from: string; to: string; rows: Row[] };
  };

  it('lists everyone at or over level I or II, with doses and alert states', async () => {
    // Cat's alert comes from re-evaluation after the adjustment: wait for it.
    await eventually(async () =>
      ours((await report()).rows).find((r) => r.name === 'Cat')?.alert ? true : undefined,
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
    const alert = (level: string, state = 'open'): unknown =>
      expect.objectContaining({ level, state });
    expect(ours(body.rows)).toEqual([
      expect.objectContaining({
        name: 'Ben',
        quantity: 'effective',
        doseMSv: 7,
        annualLimitMSv: 20,
        fraction: 0.35,
        investigationLevel: 'II',
        alert: alert('warning', 'acknowledged'),
      }),
      expect.objectContaining({
        name: 'Ben',
        quantity: 'skin',
        doseMSv: 160,
        annualLimitMSv: 500,
        fraction: 0.32,
        investigationLevel: 'II',
        alert: alert('warning'),
      }),
      expect.objectContaining({
        name: 'Ann',
        doseMSv: 2.5,
        fraction: 0.125,
        investigationLevel: 'I',
        alert: alert('notice'),
      }),
      expect.objectContaining({
        name: 'Dan',
        doseMSv: 6,
        annualLimitMSv: 50,
        fraction: 0.12,
        investigationLevel: 'I',
        alert: alert('notice'),
      }),
      expect.objectContaining({
        name: 'Cat',
        doseMSv: 2,
        adjustmentsMSv: 0.1,
        fraction: 0.1,
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
      'quarter,person_id,name,employee_id,quantity,dose_msv,adjustments_msv,annual_limit_msv,fraction,investigation_level,alert_level,alert_state',
    );
    expect(lines).toContain(`${quarter},${people.Cat},Cat,,effective,2,0.1,20,0.1,I,notice,open`);
    expect(lines).toContain(
      `${quarter},${people.Ben},Ben,,effective,7,0,20,0.35,II,warning,acknowledged`,
    );
    const pdf = await session.rso.download(`/api/v1/reports/alara?quarter=${quarter}&format=pdf`);
    expect(pdf.type).toBe('application/pdf');
    expect(pdfTexts(pdf.body)).toEqual(
      expect.arrayContaining([`Quarterly ALARA report ${quarter}`, 'Cat', 'warning, acknowledged']),
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
