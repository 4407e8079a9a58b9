import type { MqttClient } from 'mqtt';
import type { EuDoseRecordDto } from '../src/reports/dto/eu-dose-record.dto.js';
import { connectPublisher } from './support/mqtt-publisher.js';
import { addEstimate, addPriorDose } from './support/not-measured.js';
import { pdfTexts } from './support/pdf-check.js';
import { iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';
import { createWorker, publishReadings, wearBadge } from './support/wearing.js';

const MINUTE = 60_000;
const now = Date.now() - 20 * MINUTE;
const year = new Date(now).getUTCFullYear();
const today = iso(now).slice(0, 10);

/**
 * The EU individual dose record (2013/59/Euratom Art. 43, Annex X) of a category A `eu`
 * worker, by hand (FACILITY_TZ UTC; registers in µSv): a collar and a trunk badge in an
 * apron and a right ring, from an hour before the readings.
 *   Effective, Niklason 0.94 × 0.2 + 0.06 × 3.0 = 0.368 mSv here; + 1 mSv at another
 *   undertaking (prior dose) + 0.05 mSv estimated = 1.418 mSv. Lens: the collar's Hp(3),
 *   2.8 mSv; skin: the collar's Hp(0.07), 3.2 mSv; extremities: the ring's, 5 mSv.
 */
describe('EU individual dose record', () => {
  let session: RsoSession;
  let device: MqttClient;
  let personId: string;
  const employeeId = unique('EU');

  beforeAll(async () => {
    session = await startRsoSession({ LICENSEE_NAME: 'Hôpital Général', LICENSE_NUMBER: 'FR-42' });
    device = await connectPublisher();
    const { rso, service } = session;
    personId = await createWorker(rso, {
      name: 'Ana Alpha',
      employeeId,
      euCategory: 'A',
      sex: 'female',
      dateOfBirth: '1985-09-10',
    });
    const from = iso(now - 60 * MINUTE);
    const wear = (location: string, more: { apron?: boolean; side?: string }) =>
      wearBadge(rso, personId, location, from, undefined, more);
    const collar = await wear('collar', { apron: true });
    const trunk = await wear('trunk', { apron: true });
    const ring = await wear('extremity', { side: 'right' });
    const reading = (registers: Record<string, number>) => [
      { seq: 1, measuredAt: iso(now), ...registers },
    ];
    await publishReadings(service, device, collar, reading({ hp10: 3000, hp007: 3200, hp3: 2800 }));
    await publishReadings(service, device, trunk, reading({ hp10: 200, hp007: 250 }));
    await publishReadings(service, device, ring, reading({ hp007: 5000 }));
    await addPriorDose(rso, personId, {
      employer: 'Clinique du Lac',
      from: `${year}-01-01`,
      to: today,
      quantities: { effective: 1 },
    });
    await addEstimate(rso, personId, today, {
      method: 'workplaceMonitoring',
      reason: 'notWorn',
      quantities: { effective: 0.05 },
    });
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  const dose = (quantity: string, mSv: number, parts: Record<string, number> = {}) => ({
    quantity,
    monitored: true,
    mSv,
    thisUndertakingMSv: mSv - (parts.otherUndertakingsMSv ?? 0),
    otherUndertakingsMSv: 0,
    estimatedMSv: 0,
    adjustmentsMSv: 0,
    ...parts,
  });

  it('gives the Annex X data in mSv, every figure the ledger’s', async () => {
    const reply = await session.rso.get(`/api/v1/reports/people/${personId}/dose-record`);
    expect(reply.status).toBe(200);
    const record = reply.body as EuDoseRecordDto;
    expect(record).toMatchObject({
      record: expect.stringMatching(/2013\/59\/Euratom Art\. 43 and Annex X/),
      person: { name: 'Ana Alpha', employeeId, sex: 'female', dateOfBirth: '1985-09-10' },
      category: 'A',
      undertaking: { name: 'Hôpital Général', licenseNumber: 'FR-42' },
      year,
      monitoringPeriod: { from: today, to: today },
      includesEstimate: true,
      includesOtherUndertakings: true,
    });
    expect(record.doses).toEqual([
      {
        ...dose('effective', 1.418, {
          otherUndertakingsMSv: 1,
          estimatedMSv: 0.05,
          adjustmentsMSv: 1.05,
        }),
        thisUndertakingMSv: 0.418,
      },
      dose('eyeLens', 2.8),
      dose('skin', 3.2),
      dose('extremity', 5),
    ]);
    const exposure = (await session.rso.get(`/api/v1/people/${personId}/exposure`)).body
      .quantities as Record<string, { year: number }>;
    for (const result of record.doses) expect(result.mSv).toBe(exposure[result.quantity].year);

    const pdf = pdfTexts(
      (await session.rso.download(`/api/v1/reports/people/${personId}/dose-record?format=pdf`))
        .body,
    );
    for (const [name, result] of [
      ['Effective dose', record.doses[0]],
      ['Equivalent dose, lens of the eye', record.doses[1]],
      ['Equivalent dose, skin', record.doses[2]],
      ['Equivalent dose, extremities', record.doses[3]],
    ] as const) {
      const at = pdf.indexOf(name);
      expect(pdf.slice(at, at + 5)).toEqual([
        name,
        String(result.mSv),
        String(result.thisUndertakingMSv),
        String(result.otherUndertakingsMSv),
        String(result.estimatedMSv),
      ]);
    }
    expect(pdf).toEqual(
      expect.arrayContaining([
        'Category: A',
        'Includes ESTIMATED dose (listed below)',
        'Clinique du Lac',
      ]),
    );
    const history = await session.rso.get(`/api/v1/reports/people/${personId}/dose-history`);
    expect(history.body).toMatchObject({
      record: record.record,
      category: 'A',
      years: [{ year, monitoringPeriod: record.monitoringPeriod, doses: record.doses }],
      lifetime: record.doses,
    });
    const csv = await session.rso.download(
      `/api/v1/reports/people/${personId}/dose-record?format=csv`,
    );
    expect(csv.body.toString('utf8').trimEnd().split('\r\n')[1]).toBe(
      `${personId},Ana Alpha,${employeeId},${year},female,1985-09-10,A,Hôpital Général,${today},${today},effective,1.418,0.418,1,0.05`,
    );
  });
});
