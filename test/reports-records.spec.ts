import type { MqttClient } from 'mqtt';
import { connectPublisher } from './support/mqtt-publisher.js';
import { pdfTexts } from './support/pdf-check.js';
import { iso, messages, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const MINUTE = 60_000;
const year = new Date(Date.now() - 30 * MINUTE).getUTCFullYear();
const lastYear = year - 1;
const today = new Date().toISOString().slice(0, 10);

/**
 * Annual dose record (NRC Form 5 fields) and history (NRC Form 4). A worker wears a
 * trunk, an eye and an extremity badge from 5 January last year; FACILITY_TZ is UTC.
 *   trunk Hp(10) / Hp(0.07) registers, µSv: 500/600 (last year, March), 1700/2000 (last year,
 *   November), 2500.25/3000 (now): effective 0.5 + 1.2 = 1.7 last year, 0.80025 this year;
 *   skin 0.6 + 1.4 = 2.0 last year, 1.0 this year (mSv).
 *   eye Hp(3) 400 µSv now: eye lens 0.4 mSv. Extremity Hp(0.07) 12000 µSv now: 12 mSv.
 *   Adjustments: effective +0.2 mSv this year; skin -0.5 mSv on the November day last year.
 * This year: DDE = TEDE = 1.00025 mSv (0.100025 rem), LDE 0.4, SDE,WB 1.0, SDE,ME 12.
 * Last year: EDEX = DDE = TEDE 1.7, SDE,WB 1.5 (of which -0.5 adjustment). Lifetime TEDE 2.70025.
 */
describe('annual dose record and dose history', () => {
  let session: RsoSession;
  let device: MqttClient;
  let personId: string;
  const employeeId = unique('EMP');

  beforeAll(async () => {
    session = await startRsoSession();
    device = await connectPublisher();
    const { rso, service } = session;
    personId = await createWorker(rso, {
      name: 'Rita Record',
      employeeId,
      profile: 'us-nrc',
      sex: 'female',
      idType: 'OTH',
      dateOfBirth: '1980-02-03',
    });
    const from = `${lastYear}-01-05T08:00:00Z`;
    const now = Date.now() - 20 * MINUTE;
    const trunk = await wearBadge(rso, personId, 'trunk', from);
    const eye = await wearBadge(rso, personId, 'eye', from);
    const extremity = await wearBadge(rso, personId, 'extremity', from);
    await publishReadings(service, device, trunk, [
      { seq: 1, measuredAt: `${lastYear}-03-10T10:00:00Z`, hp10: 500, hp007: 600 },
      { seq: 2, measuredAt: `${lastYear}-11-20T10:00:00Z`, hp10: 1700, hp007: 2000 },
      { seq: 3, measuredAt: iso(now), hp10: 2500.25, hp007: 3000 },
    ]);
    await publishReadings(service, device, eye, [{ seq: 1, measuredAt: iso(now), hp3: 400 }]);
    await publishReadings(service, device, extremity, [
      { seq: 1, measuredAt: iso(now), hp007: 12000 },
    ]);
    for (const adjustment of [
      {
        quantity: 'effective',
        doseMSv: 0.2,
        date: iso(now).slice(0, 10),
        reason: 'Estimated dose, badge not worn',
      },
      {
        quantity: 'skin',
        doseMSv: -0.5,
        date: `${lastYear}-11-20`,
        reason: 'Contaminated badge surface',
      },
    ]) {
      const reply = await rso.post(`/api/v1/people/${personId}/adjustments`, adjustment);
      expect(reply.status).toBe(201);
    }
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  const box = (rem: number, mSv: number, adjustmentsMSv = 0) => ({
    entry: String(rem),
    rem,
    mSv,
    adjustmentsMSv,
  });
  const marked = (entry: 'NR' | 'ND') => ({ entry, rem: null, mSv: null });
  // Last year: the eye and extremity badges were worn and registered nothing: ND.
  const LAST_YEAR_BOXES = {
    edex: box(0.17, 1.7),
    dde: box(0.17, 1.7),
    lde: marked('ND'),
    sdeWholeBody: box(0.15, 1.5, -0.5),
    sdeExtremity: marked('ND'),
    tede: box(0.17, 1.7),
    tode: box(0.17, 1.7),
  };

  it("gives this year's NRC Form 5, adjustments included", async () => {
    const reply = await session.rso.get(`/api/v1/reports/people/${personId}/dose-record`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      form: expect.stringMatching(/^NRC Form 5 .*3150-0006/),
      person: {
        id: personId,
        name: 'Rita Record',
        employeeId,
        idType: 'OTH',
        sex: 'female',
        dateOfBirth: '1980-02-03',
      },
      year,
      monitoringPeriod: { from: `${year}-01-01`, to: today },
      licensee: { name: null, licenseNumber: null },
      recordType: 'record',
      exposure: 'routine',
      final: false,
      // One trunk badge (no apron): EDEX = DDE = trunk Hp(10) + the effective adjustment.
      boxes: {
        edex: { box: '11A', label: 'EDEX', ...box(0.100025, 1.00025, 0.2) },
        dde: { box: '11B', label: 'DDE', ...box(0.100025, 1.00025, 0.2) },
        lde: box(0.04, 0.4),
        sdeWholeBody: box(0.1, 1),
        sdeExtremity: box(1.2, 12),
        cede: marked('NR'),
        cde: marked('NR'),
        tede: box(0.100025, 1.00025, 0.2),
        tode: box(0.100025, 1.00025, 0.2),
      },
      embryoFetus: marked('NR'),
      adjustments: [
        expect.objectContaining({ quantity: 'effective', doseMSv: 0.2, author: session.rsoName }),
      ],
    });
    expect((reply.body as { notes: string[] }).notes.join(' ')).toMatch(/20\.2106/);
  });

  it("gives last year's record, final, from the first day a badge was worn", async () => {
    const reply = await session.rso.get(
      `/api/v1/reports/people/${personId}/dose-record?year=${lastYear}`,
    );
    expect(reply.body).toMatchObject({
      year: lastYear,
      monitoringPeriod: { from: `${lastYear}-01-05`, to: `${lastYear}-12-31` },
      final: true,
      boxes: LAST_YEAR_BOXES,
      adjustments: [expect.objectContaining({ quantity: 'skin', doseMSv: -0.5 })],
    });
  });

  it('gives the cumulative history (NRC Form 4): a line per year and lifetime totals', async () => {
    const reply = await session.rso.get(`/api/v1/reports/people/${personId}/dose-history`);
    expect(reply.status).toBe(200);
    const { lines, lifetime, adjustments } = reply.body;
    expect(reply.body.form).toMatch(/^NRC Form 4 .*3150-0005/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      monitoringPeriod: { from: `${lastYear}-01-05`, to: `${lastYear}-12-31` },
      priorEmployer: false,
      recordType: 'record',
      boxes: LAST_YEAR_BOXES,
    });
    expect(lines[1]).toMatchObject({
      monitoringPeriod: { from: `${year}-01-01`, to: today },
      boxes: { edex: box(0.100025, 1.00025, 0.2), lde: box(0.04, 0.4), sdeExtremity: box(1.2, 12) },
    });
    // Lifetime: EDEX = DDE = TEDE = TODE 1.7 + 1.00025 = 2.70025 mSv; SDE,WB 1.5 + 1.0.
    expect(lifetime).toMatchObject({
      edex: box(0.270025, 2.70025, 0.2),
      dde: box(0.270025, 2.70025, 0.2),
      lde: box(0.04, 0.4),
      sdeWholeBody: box(0.25, 2.5, -0.5),
      sdeExtremity: box(1.2, 12),
      cede: marked('NR'),
      tede: box(0.270025, 2.70025, 0.2),
      tode: box(0.270025, 2.70025, 0.2),
    });
    expect(adjustments).toHaveLength(2);
  });

  it('prints the record as CSV, one line per Form 5 box', async () => {
    const reply = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-record?format=csv`,
    );
    expect(reply.type).toBe('text/csv; charset=utf-8');
    const lines = reply.body.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'person_id,name,employee_id,year,id_type,sex,date_of_birth,monitoring_from,monitoring_to,licensee,license_number,record_type,box,field,entry,dose_rem,dose_msv,adjustments_msv,estimated_msv,prior_excluded_msv',
    );
    const prefix = `${personId},Rita Record,${employeeId},${year},OTH,female,1980-02-03,${year}-01-01,${today},,,record`;
    expect(lines.slice(1)).toEqual([
      `${prefix},11A,EDEX,0.100025,0.100025,1.00025,0.2,0,0`,
      `${prefix},11B,DDE,0.100025,0.100025,1.00025,0.2,0,0`,
      `${prefix},12,LDE,0.04,0.04,0.4,0,0,0`,
      `${prefix},13,"SDE,WB",0.1,0.1,1,0,0,0`,
      `${prefix},14,"SDE,ME",1.2,1.2,12,0,0,0`,
      `${prefix},15,CEDE,NR,,,0,0,0`,
      `${prefix},16,CDE,NR,,,0,0,0`,
      `${prefix},17,TEDE,0.100025,0.100025,1.00025,0.2,0,0`,
      `${prefix},18,TODE,0.100025,0.100025,1.00025,0.2,0,0`,
      `${prefix},,Embryo/fetus,NR,,,0,0,0`,
    ]);
    const history = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-history?format=csv`,
    );
    const who = `${personId},Rita Record,${employeeId}`;
    expect(history.body.toString('utf8').trimEnd().split('\r\n')).toEqual([
      'person_id,name,employee_id,monitoring_from,monitoring_to,licensee,license_number,prior_employer,record_type,edex_rem,dde_rem,lde_rem,sde_wb_rem,sde_me_rem,cede_rem,cde_rem,tede_rem,tode_rem',
      `${who},${lastYear}-01-05,${lastYear}-12-31,,,false,record,0.17,0.17,ND,0.15,ND,NR,NR,0.17,0.17`,
      `${who},${year}-01-01,${today},,,false,record,0.100025,0.100025,0.04,0.1,1.2,NR,NR,0.100025,0.100025`,
      `${who},lifetime,,,,,,0.270025,0.270025,0.04,0.25,1.2,NR,NR,0.270025,0.270025`,
    ]);
  });

  it('prints the record and the history as PDF', async () => {
    const record = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-record?format=pdf`,
    );
    expect(record.status).toBe(200);
    expect(record.type).toBe('application/pdf');
    const texts = pdfTexts(record.body);
    expect(texts).toEqual(
      expect.arrayContaining([
        `NRC Form 5, occupational dose record for a monitoring period, ${year}`,
        '1. Name: Rita Record',
        '4. Sex: female',
        `6. Monitoring period: ${year}-01-01 to ${today}`,
        '9. RECORD, ROUTINE',
        'DDE',
        '0.100025',
        'Estimated dose, badge not worn',
      ]),
    );
    const history = pdfTexts(
      (await session.rso.download(`/api/v1/reports/people/${personId}/dose-history?format=pdf`))
        .body,
    );
    expect(history).toEqual(expect.arrayContaining(['0.270025', 'Contaminated badge surface']));
  });

  it('lets a technician read their own record only, and validates the query', async () => {
    const own = (await session.technician.get('/api/v1/me/exposure')).body.personId as string;
    const mine = await session.technician.get(`/api/v1/reports/people/${own}/dose-record`);
    expect(mine.status).toBe(200);
    // The technician is an `eu` worker: the EU record, nothing monitored.
    expect(mine.body).toMatchObject({
      record: expect.stringMatching(/2013\/59\/Euratom/),
      monitoringPeriod: null,
      doses: [
        { quantity: 'effective', monitored: false, mSv: null },
        { quantity: 'eyeLens', monitored: false, mSv: null },
        { quantity: 'skin', monitored: false, mSv: null },
        { quantity: 'extremity', monitored: false, mSv: null },
      ],
    });
    expect(
      (await session.technician.get(`/api/v1/reports/people/${own}/dose-history`)).status,
    ).toBe(200);
    for (const path of ['dose-record', 'dose-history'])
      expect(
        (await session.technician.get(`/api/v1/reports/people/${personId}/${path}`)).status,
      ).toBe(404);
    expect((await session.technician.get('/api/v1/reports/alara')).status).toBe(403);
    for (const query of ['year=20x6', 'year=1800', 'format=xml', 'other=1']) {
      const reply = await session.rso.get(
        `/api/v1/reports/people/${personId}/dose-record?${query}`,
      );
      expect(reply.status).toBe(400);
    }
    expect(
      (
        await session.rso.get(
          '/api/v1/reports/people/00000000-0000-4000-8000-000000000000/dose-record',
        )
      ).status,
    ).toBe(404);
    const patient = await session.rso.post('/api/v1/people', { kind: 'patient', name: 'Pat Ient' });
    const refused = await session.rso.get(`/api/v1/reports/people/${patient.body.id}/dose-record`);
    expect(refused.status).toBe(400);
    expect(messages(refused)).toContain('occupational dose records are kept for workers');
  });
});
