import type { MqttClient } from 'mqtt';
import type { AlertDto } from '../src/alerts/dto/alert.dto.js';
import type { RejectedMessageDto } from '../src/ingest/dto/rejected-message.dto.js';
import type { PatientExposureDto } from '../src/patients/dto/patient-exposure.dto.js';
import { stopAlertSchedule } from './support/alert-listeners.js';
import { ctEvent, publishEvents, registerModality } from './support/exposure-events.js';
import type { Http } from './support/http.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { DAY, iso, startRsoSession, unique, type RsoSession } from './support/rso-session.js';

/**
 * The patient rules of DESIGN.md §5 with their default thresholds (migration
 * PatientRules1795699200000), end to end: events published on MQTT, stored in the run's real
 * Postgres, alerts read over HTTP. Each scenario's values are computed by hand in its comments.
 * The run's facility time zone is UTC, so an event's day is the UTC date of its time.
 */
describe('patient rules', () => {
  let session: RsoSession;
  let rso: Http;
  let device: MqttClient;
  const modality = unique('XA');
  const now = Date.now();
  const at = (daysAgo: number) => now - daysAgo * DAY;
  const day = (daysAgo: number) => iso(at(daysAgo)).slice(0, 10);
  let stored = 0;

  /** An X-ray event `daysAgo`, alone in its study unless `studyUid` says otherwise. */
  const xa = (patientId: string, daysAgo: number, fields: Record<string, unknown>) =>
    ctEvent(unique('ev'), patientId, daysAgo, {
      modality: 'XA',
      bodyRegion: 'abdomen',
      ctdiVol: null,
      performedAt: iso(at(daysAgo)),
      ...fields,
    });
  const publish = async (events: Record<string, unknown>[]) => {
    stored += events.length;
    await publishEvents(session.service, device, modality, events, stored);
  };
  /** The patient's alerts as `quantity period level value limit unit`, sorted. */
  const alertsOf = async (patientId: string): Promise<string[]> => {
    const { personId } = (
      await rso.post<PatientExposureDto>('/api/v1/patients/lookup', { patientId })
    ).body;
    const alerts = (await rso.get<AlertDto[]>(`/api/v1/alerts?personId=${personId}`)).body;
    return alerts
      .map((a) => `${a.quantity} ${a.period} ${a.level} ${a.value} ${a.limit} ${a.unit}`)
      .sort();
  };

  beforeAll(async () => {
    session = await startRsoSession();
    rso = session.rso;
    stopAlertSchedule(session.service);
    device = await connectPublisher();
    await registerModality(rso, modality, 'fluoroscopy');
  });
  afterAll(async () => {
    await device.endAsync();
    await session.service.close();
  });

  it('per procedure: the irradiation events of one study summed, each quantity at its level', async () => {
    const patient = unique('MRN');
    const studyUid = unique('1.2.840.99');
    // Two events of one study: air kerma 1800 + 1400 = 3200 mGy = 3.2 Gy ≥ 3 (notice);
    // peak skin dose 1400 + 1700 = 3100 mGy = 3.1 Gy ≥ 3 (high); KAP 260 + 250 = 510 Gy·cm²
    // ≥ 500 (high), and ≥ 200 over 12 weeks (notice); fluoroscopy 1500 + 2100 s = 60 min
    // (warning). The 12-week air kerma, 3.2 Gy, reaches only what the procedure reached alone.
    await publish([
      xa(patient, 2, {
        studyUid,
        referenceAirKerma: 1800,
        peakSkinDose: 1400,
        dap: 260,
        fluoroTimeS: 1500,
      }),
      xa(patient, 2, {
        studyUid,
        referenceAirKerma: 1400,
        peakSkinDose: 1700,
        dap: 250,
        fluoroTimeS: 2100,
      }),
    ]);
    expect(await alertsOf(patient)).toEqual(
      [
        `referenceAirKerma study:${studyUid} notice 3200 3000 mGy`,
        `peakSkinDose study:${studyUid} high 3100 3000 mGy`,
        `dap study:${studyUid} high 510 500 Gy·cm²`,
        `dap 12weeks:${day(2)} notice 510 200 Gy·cm²`,
        `fluoroTime study:${studyUid} warning 60 60 min`,
      ].sort(),
    );
  });

  it('sums air kerma over 12 weeks: 83 days apart is one window, 84 days apart is not', async () => {
    const within = unique('MRN');
    const apart = unique('MRN');
    // 2 + 2 Gy, 83 days apart: the 84 days ending on the second hold both, 4 Gy ≥ 3 (notice).
    // 84 days apart: no window holds both, and 2 Gy alone reaches nothing.
    await publish([
      xa(within, 100, { referenceAirKerma: 2000 }),
      xa(within, 17, { referenceAirKerma: 2000 }),
      xa(apart, 101, { referenceAirKerma: 2000 }),
      xa(apart, 17, { referenceAirKerma: 2000 }),
    ]);
    expect(await alertsOf(within)).toEqual([
      `referenceAirKerma 12weeks:${day(100)} notice 4000 3000 mGy`,
    ]);
    expect(await alertsOf(apart)).toEqual([]);
  });

  it('raises peak skin dose above 15 Gy within 12 months as critical, summed over fields', async () => {
    const above = unique('MRN');
    const exactly = unique('MRN');
    // 6 + 5 + 4.5 = 15.5 Gy within 290 days: > 15 Gy, critical. Each procedure ≥ 3 Gy: high.
    // 6 + 5 + 4 = 15 Gy exactly is not above 15 Gy: the procedures' alerts only.
    await publish([
      xa(above, 300, { peakSkinDose: 6000 }),
      xa(above, 200, { peakSkinDose: 5000 }),
      xa(above, 10, { peakSkinDose: 4500 }),
      xa(exactly, 300, { peakSkinDose: 6000 }),
      xa(exactly, 200, { peakSkinDose: 5000 }),
      xa(exactly, 10, { peakSkinDose: 4000 }),
    ]);
    const windows = async (patientId: string) =>
      (await alertsOf(patientId)).filter((line) => line.includes('12months'));
    expect(await windows(above)).toEqual([
      `peakSkinDose 12months:${day(300)} critical 15500 15000 mGy`,
    ]);
    expect(await windows(exactly)).toEqual([]);
    expect(await alertsOf(exactly)).toHaveLength(3);
    const [critical] = await session.sql(
      `SELECT detail FROM alert WHERE level = 'critical' AND period = $1`,
      [`12months:${day(300)}`],
    );
    expect(critical.detail).toMatchObject({
      skinField: 'not reported: the peak skin doses of every field are summed',
    });
  });

  it('sums effective dose over rolling 5 years (60 months) and over the lifetime', async () => {
    const inside = unique('MRN');
    const outside = unique('MRN');
    const ct = (patientId: string, daysAgo: number, mSv: number) =>
      ctEvent(unique('ct'), patientId, daysAgo, {
        effectiveDose: mSv,
        performedAt: iso(at(daysAgo)),
      });
    // 30 mSv 1800 days ago and 25 mSv 10 days ago: 1790 days apart, inside 60 months
    // (1826 or 1827 days), 55 mSv ≥ 50 both over the 5 years and the lifetime (notice).
    // 1860 days ago: outside every 5-year window holding the newer one; the largest window
    // holds 30 mSv, nothing; the lifetime still 55 mSv.
    await publish([
      ct(inside, 1800, 30),
      ct(inside, 10, 25),
      ct(outside, 1860, 30),
      ct(outside, 10, 25),
    ]);
    expect(await alertsOf(inside)).toEqual([
      'effective lifetime notice 55 50 mSv',
      'effective rolling5Years notice 55 50 mSv',
    ]);
    expect(await alertsOf(outside)).toEqual(['effective lifetime notice 55 50 mSv']);
  });

  it('rejects a unit slip to the rejected store, naming field and bound, keeping no id', async () => {
    const patient = unique('MRN');
    const topic = `${session.service.config.topicPrefix}/modalities/${modality}/exposures`;
    // A DAP of 150 000 Gy·cm² (mGy·cm² sent as Gy·cm²) is above the bound of 10⁵ Gy·cm².
    const event = xa(patient, 1, { dap: 150_000 });
    await publishJson(device, topic, event);
    const rejected = await eventually(async () => {
      const rows = (await rso.get<RejectedMessageDto[]>('/api/v1/ingest/rejected?limit=500')).body;
      return rows.find((row) => row.topic === topic);
    });
    expect(rejected).toMatchObject({
      reason: 'dap 150000 Gy·cm² is above the plausibility bound of 100000 Gy·cm² (a unit slip?)',
      redacted: true,
    });
    expect(rejected.payload).not.toContain(patient);
    const lookup = await rso.post('/api/v1/patients/lookup', { patientId: patient });
    expect(lookup.status).toBe(404);
  });
});
