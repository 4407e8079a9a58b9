import type { MqttClient } from 'mqtt';
import type { AnnualRecordDto, Form5BoxDto } from '../src/reports/dto/dose-record.dto.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { addEstimate, addPriorDose } from './support/not-measured.js';
import { pdfTexts } from './support/pdf-check.js';
import { DAY, iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const MINUTE = 60_000;
const now = Date.now() - 20 * MINUTE;
const year = new Date(now).getUTCFullYear();
const today = iso(now).slice(0, 10);

/** A box with a dose: its rem (as written) and mSv, and what adjustments added (mSv). */
const box = (rem: number, mSv: number, parts: Partial<Form5BoxDto> = {}) => ({
  entry: String(rem),
  rem,
  mSv,
  adjustmentsMSv: 0,
  estimatedMSv: 0,
  priorExcludedMSv: 0,
  ...parts,
});
const marked = (entry: 'NR' | 'ND') => ({ entry, rem: null, mSv: null });
const NOT_MONITORED = { cede: marked('NR'), cde: marked('NR') };

/**
 * NRC Form 5 for `us-nrc` workers, computed by hand (FACILITY_TZ is UTC; registers in µSv,
 * each badge's first reading counted from 0). All wear their badges from an hour before the
 * readings, this year.
 */
describe('NRC Form 5', () => {
  let session: RsoSession;
  let device: MqttClient;
  const from = iso(now - 60 * MINUTE);

  beforeAll(async () => {
    session = await startRsoSession({
      LICENSEE_NAME: 'General Hospital',
      LICENSE_NUMBER: '12-34567-01',
    });
    device = await connectPublisher();
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  const worker = (name: string, more: Record<string, unknown> = {}) =>
    createWorker(session.rso, {
      name,
      employeeId: unique('E'),
      profile: 'us-nrc',
      idType: 'SSN',
      sex: 'male',
      dateOfBirth: '1975-05-06',
      ...more,
    });
  const wear = (personId: string, location: string, apron: boolean) =>
    wearBadge(session.rso, personId, location, from, undefined, { apron });
  const publish = (serial: string, registers: Record<string, number>) =>
    publishReadings(session.service, device, serial, [
      { seq: 1, measuredAt: iso(now), ...registers },
    ]);

  const record = async (personId: string): Promise<AnnualRecordDto> => {
    const reply = await session.rso.get(`/api/v1/reports/people/${personId}/dose-record`);
    expect(reply.status).toBe(200);
    return reply.body as AnnualRecordDto;
  };

  /**
   * Every figure equals the ledger's sum for the year (the exposure answer's `year`, prior
   * dose from other employers being left out of the form), and the PDF shows each box as
   * the API gives it: box number, abbreviation, entry, one cell each.
   */
  async function expectLedgerAndPdf(personId: string, form: AnnualRecordDto): Promise<void> {
    const exposure = (await session.rso.get(`/api/v1/people/${personId}/exposure`)).body
      .quantities as Record<string, { year: number | null }>;
    const pairs: [Form5BoxDto, string][] = [
      [form.boxes.edex, 'effective'],
      [form.boxes.lde, 'eyeLens'],
      [form.boxes.sdeWholeBody, 'skin'],
      [form.boxes.sdeExtremity, 'extremity'],
    ];
    for (const [field, quantity] of pairs) {
      const ledger = exposure[quantity].year;
      if (field.entry === 'NR') expect(ledger).toBeNull();
      else if (field.entry === 'ND') expect(ledger).toBe(0);
      else expect(field.mSv! + field.priorExcludedMSv).toBeCloseTo(ledger!, 9);
    }
    // TEDE = EDEX + CEDE and TODE = DDE + CDE, CEDE and CDE being NR.
    const figures = ({ entry, rem, mSv }: Form5BoxDto) => ({ entry, rem, mSv });
    expect(figures(form.boxes.tede)).toEqual(figures(form.boxes.edex));
    expect(figures(form.boxes.tode)).toEqual(figures(form.boxes.dde));
    const pdf = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-record?format=pdf`,
    );
    const texts = pdfTexts(pdf.body);
    for (const field of [...Object.values(form.boxes), form.embryoFetus]) {
      const at = texts.findIndex((t, i) => t === field.label && texts[i - 1] === field.box);
      expect(texts.slice(at - 1, at + 2)).toEqual([field.box, field.label, field.entry]);
    }
    expect(texts).toEqual(
      expect.arrayContaining([
        '7. Licensee name: General Hospital',
        '8. License number: 12-34567-01',
        `9. ${form.recordType.toUpperCase()}, ROUTINE`,
      ]),
    );
  }

  it('two badges in an apron: EDEX by Webster, DDE from the collar', async () => {
    const personId = await worker('Tess Twobadge');
    const collar = await wear(personId, 'collar', true);
    const trunk = await wear(personId, 'trunk', true);
    await publish(collar, { hp10: 3000, hp007: 3200, hp3: 2800 });
    await publish(trunk, { hp10: 200, hp007: 250 });
    const form = await record(personId);
    // EDEX = 1.5 × 0.2 + 0.04 × 3.0 = 0.42 mSv; DDE = max(3.0 collar, 0.2 trunk) = 3.0 mSv;
    // LDE the collar's Hp(3) 2.8, SDE,WB the collar's Hp(0.07) 3.2 (over the trunk's).
    expect(form).toMatchObject({
      person: { idType: 'SSN', sex: 'male', dateOfBirth: '1975-05-06' },
      monitoringPeriod: { from: today, to: today },
      licensee: { name: 'General Hospital', licenseNumber: '12-34567-01' },
      recordType: 'record',
      exposure: 'routine',
      boxes: {
        edex: box(0.042, 0.42),
        dde: box(0.3, 3),
        lde: box(0.28, 2.8),
        sdeWholeBody: box(0.32, 3.2),
        sdeExtremity: marked('NR'),
        ...NOT_MONITORED,
        tede: box(0.042, 0.42),
        tode: box(0.3, 3),
      },
      embryoFetus: marked('NR'),
    });
    await expectLedgerAndPdf(personId, form);
  });

  it('one trunk badge, no apron: EDEX = DDE = its Hp(10)', async () => {
    const personId = await worker('Sid Single');
    const trunk = await wear(personId, 'trunk', false);
    await publish(trunk, { hp10: 1500, hp007: 1800, hp3: 1600 });
    const form = await record(personId);
    expect(form.boxes).toMatchObject({
      edex: box(0.15, 1.5),
      dde: box(0.15, 1.5),
      lde: box(0.16, 1.6),
      sdeWholeBody: box(0.18, 1.8),
      sdeExtremity: marked('NR'),
      ...NOT_MONITORED,
      tede: box(0.15, 1.5),
      tode: box(0.15, 1.5),
    });
    await expectLedgerAndPdf(personId, form);
    for (const bad of [{ sex: 'x' }, { idType: 'passport' }]) {
      const refused = await session.rso.post('/api/v1/people', {
        kind: 'worker',
        name: 'Bad Box',
        ...bad,
      });
      expect(refused.status).toBe(400);
    }
  });

  it("a declared pregnant worker: the embryo/fetus dose from her trunk badge's Hp(10)", async () => {
    const personId = await worker('Pia Pregnant', { sex: 'female' });
    const trunk = await wear(personId, 'trunk', false);
    const declared = await session.rso.post(`/api/v1/people/${personId}/pregnancy`, {
      declaredAt: iso(now - 30 * MINUTE),
      estimatedConception: iso(now - 40 * DAY).slice(0, 10),
    });
    expect(declared.status).toBe(201);
    await publish(trunk, { hp10: 800, hp007: 900 });
    const form = await record(personId);
    // 10 CFR 20.1208(c): the declared pregnant woman's deep dose, 0.8 mSv.
    expect(form).toMatchObject({
      person: { sex: 'female' },
      boxes: { edex: box(0.08, 0.8), dde: box(0.08, 0.8), lde: box(0.09, 0.9) },
      embryoFetus: { box: '', label: 'Embryo/fetus', ...box(0.08, 0.8) },
    });
    // The pregnancy began this year: the year's fetal dose is the pregnancy's in the ledger.
    const fetal = (await session.rso.get(`/api/v1/people/${personId}/exposure`)).body.quantities
      .fetal as { pregnancy: number };
    expect(form.embryoFetus.mSv).toBe(fetal.pregnancy);
    await expectLedgerAndPdf(personId, form);
  });

  it('leaves a prior employer out, includes an estimate and says ESTIMATE', async () => {
    const personId = await worker('Pat Prior');
    const trunk = await wear(personId, 'trunk', false);
    await publish(trunk, { hp10: 1000 });
    await addPriorDose(session.rso, personId, {
      employer: 'St. Elsewhere Hospital',
      from: `${year}-01-01`,
      to: today,
      quantities: { effective: 2 },
    });
    await addEstimate(session.rso, personId, today, {
      method: 'coworkerAverage',
      reason: 'lost',
      quantities: { effective: 0.3 },
    });
    const form = await record(personId);
    // Ledger: 1.0 badge + 2 prior + 0.3 estimate = 3.3 mSv; the form: 1.0 + 0.3 = 1.3 mSv.
    const parts = { adjustmentsMSv: 0.3, estimatedMSv: 0.3, priorExcludedMSv: 2 };
    expect(form).toMatchObject({
      recordType: 'estimate',
      includesPriorDose: true,
      includesEstimate: true,
      boxes: {
        edex: box(0.13, 1.3, parts),
        dde: box(0.13, 1.3, parts),
        lde: marked('ND'),
        tede: box(0.13, 1.3, parts),
      },
    });
    expect(form.notes.join(' ')).toMatch(/left out of the boxes/);
    await expectLedgerAndPdf(personId, form);
    // NRC Form 4: the prior employer's period, then this licensee's; lifetime 3.3 mSv, the ledger's.
    const history = await session.rso.get(`/api/v1/reports/people/${personId}/dose-history`);
    expect(history.body).toMatchObject({
      lines: [
        {
          monitoringPeriod: { from: `${year}-01-01`, to: today },
          licensee: { name: 'St. Elsewhere Hospital', licenseNumber: null },
          priorEmployer: true,
          recordType: 'record',
          boxes: { edex: box(0.2, 2), dde: box(0.2, 2), lde: marked('NR'), tede: box(0.2, 2) },
        },
        {
          monitoringPeriod: { from: today, to: today },
          licensee: { name: 'General Hospital', licenseNumber: '12-34567-01' },
          priorEmployer: false,
          recordType: 'estimate',
          boxes: { edex: box(0.13, 1.3, parts) },
        },
      ],
      lifetime: { edex: { rem: 0.33, mSv: 3.3 }, tede: { rem: 0.33, mSv: 3.3 } },
    });
    const historyPdf = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-history?format=pdf`,
    );
    expect(pdfTexts(historyPdf.body)).toEqual(
      expect.arrayContaining(['St. Elsewhere Hospital (prior employer)', 'ESTIMATE', '0.33']),
    );
    const csv = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-record?format=csv`,
    );
    const lines = csv.body.toString('utf8').trimEnd().split('\r\n');
    expect(lines[1]).toMatch(
      /,General Hospital,12-34567-01,estimate,11A,EDEX,0\.13,0\.13,1\.3,0\.3,0\.3,2$/,
    );
  });

  it('lists on Form 4 every year a badge was worn, ND when it registered nothing', async () => {
    const personId = await worker('Quinn Quiet');
    const lastYear = year - 1;
    await wearBadge(session.rso, personId, 'trunk', `${lastYear}-06-01T12:00:00Z`, undefined, {
      apron: false,
    });
    const history = await session.rso.get(`/api/v1/reports/people/${personId}/dose-history`);
    const quiet = { edex: marked('ND'), dde: marked('ND'), sdeExtremity: marked('NR') };
    expect(history.body).toMatchObject({
      lines: [
        { monitoringPeriod: { from: `${lastYear}-06-01`, to: `${lastYear}-12-31` }, boxes: quiet },
        { monitoringPeriod: { from: `${year}-01-01`, to: today }, boxes: quiet },
      ],
      lifetime: quiet,
    });
  });
});
