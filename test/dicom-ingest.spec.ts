import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ctImage,
  ctReport,
  dcmtk,
  projectionReport,
  scratchFolder,
  SOP_CLASS,
  srDocument,
  storescu,
  testUids,
  writeDicom,
  type XrayEvent,
} from './support/dose-reports.js';
import type { Http } from './support/http.js';
import { unique } from './support/rso-session.js';
import {
  DICOM_AE_TITLE,
  registerDicomModality,
  startDicomService,
} from './support/dicom-service.js';
import { ServiceProcess } from './support/service-process.js';
import { testDatabaseUrl } from './support/test-env.js';

/**
 * DESIGN.md §3.5: dose reports sent by dcmtk's storescu, as a modality sends them, to the built
 * service's DICOM listener. Each C-STORE answer comes after the commit, so the database is read
 * as soon as storescu returns. Every expected value is worked out by hand beside it.
 */
describe('DICOM dose reports (storescu → Storage SCP)', () => {
  const tag = randomUUID().slice(0, 8);
  const uid = testUids(tag);
  const ct = { id: unique('CT-DICOM'), ae: `CT${tag}`.slice(0, 16) };
  const fluoro = { id: unique('XA-DICOM'), ae: `XA${tag}`.slice(0, 16) };
  const radiography = { id: unique('DX-DICOM'), ae: `DX${tag}`.slice(0, 16) };
  const patient = { id: `TEST-DICOM-${tag}`, name: `TEST^DICOM${tag}`, age: '054Y', sex: 'F' };
  let rso: Http;
  let port: number;
  let dataSource: DataSource;
  let files: Awaited<ReturnType<typeof scratchFolder>>;
  const send = (ae: string, ...paths: string[]) => storescu(port, ae, DICOM_AE_TITLE, ...paths);

  beforeAll(async () => {
    ({ dicomPort: port, rso } = await startDicomService(tag));
    dataSource = await new DataSource({
      type: 'postgres',
      url: testDatabaseUrl(),
      poolSize: 2,
    }).initialize();
    files = await scratchFolder();
    await registerDicomModality(rso, ct, 'CT');
    await registerDicomModality(rso, fluoro, 'fluoroscopy');
    await registerDicomModality(rso, radiography, 'radiography');
  }, 180_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await files?.remove();
    await ServiceProcess.killAll();
  });

  const eventsOf = (modalityId: string) =>
    dataSource.query<Record<string, string | null>[]>(
      `SELECT id, event_id, modality, body_region, patient_age_years::text AS age, patient_sex,
              ctdi_vol_ngy::text AS ctdi, dlp_ngy_cm::text AS dlp, dap_ugy_cm2::text AS dap,
              air_kerma_ngy::text AS kerma, fluoro_time_us::text AS fluoro,
              peak_skin_dose_ngy::text AS psd, ct_phantom AS phantom,
              scanning_length_mm::text AS length, effective_nsv::text AS effective,
              effective_source, sop_instance_uid, performed_at, received_at
         FROM patient_exposure WHERE modality_id = $1 ORDER BY event_id`,
      [modalityId],
    );
  const reportsOf = (modalityId: string) =>
    dataSource.query<Record<string, string | number | boolean | null>[]>(
      `SELECT sop_instance_uid, template, event_count, total_dlp_ngy_cm::text AS total_dlp,
              events_dlp_ngy_cm::text AS events_dlp, total_dap_ugy_cm2::text AS total_dap,
              events_dap_ugy_cm2::text AS events_dap, total_air_kerma_ngy::text AS total_kerma,
              events_air_kerma_ngy::text AS events_kerma, total_fluoro_time_us::text AS total_fluoro,
              events_fluoro_time_us::text AS events_fluoro,
              total_peak_skin_dose_ngy::text AS total_psd, totals_agree, received_at
         FROM patient_dose_report WHERE modality_id = $1 ORDER BY sop_instance_uid`,
      [modalityId],
    );

  it('answers C-ECHO from a registered modality', async () => {
    const echo = await dcmtk('echoscu', [
      '-v',
      '-aet',
      ct.ae,
      '-aec',
      'DOSE',
      '127.0.0.1',
      String(port),
    ]);
    expect(echo).toMatchObject({ code: 0 });
    expect(echo.output).toMatch(/Received Echo Response \(Success\)/);
  });

  // Three acquisitions, the third with its DLP unit written `mGycm` (a real-world variant).
  // DLP total 800 + 310 + 420.5 = 1530.5 mGy·cm. Adult chest k = 0.014 mSv/(mGy·cm) (AAPM
  // Report 96): E = 310 × 0.014 = 4.34 mSv = 4 340 000 nSv.
  const acquisitions = [
    { uid: uid(11), region: 'Head', phantom: 'head', ctdiVol: 50, dlp: 800, lengthMm: 160 },
    { uid: uid(12), region: 'Chest', phantom: 'body', ctdiVol: 8.1, dlp: 310, lengthMm: 350 },
    {
      uid: uid(13),
      region: 'Abdomen',
      phantom: 'body',
      ctdiVol: 10.5,
      dlp: '420.5',
      dlpUnit: 'mGycm',
      lengthMm: 400.5,
    },
  ] as const;

  it('stores a CT report as one event per acquisition, its DLP total beside them, and a repeat changes nothing', async () => {
    const file = await writeDicom(
      files.file('ct.dcm'),
      ctReport(uid(10), patient, [...acquisitions], 1530.5),
    );
    const sent = await send(ct.ae, file);
    expect(sent.output).toMatch(/Received Store Response \(Success\)/);
    const events = await eventsOf(ct.id);
    expect(events.map(storedValues)).toEqual(
      [
        ctRow(uid(11), 'head', '50000000', '800000000', 'head16', '160'),
        {
          ...ctRow(uid(12), 'chest', '8100000', '310000000', 'body32', '350'),
          effective: '4340000',
          effective_source: 'estimated',
        },
        ctRow(uid(13), 'abdomen', '10500000', '420500000', 'body32', '400.5'),
      ].map((row) => ({ effective: expect.anything(), effective_source: 'estimated', ...row })),
    );
    // Study 2026-11-30 09:15:00 at +01:00 = 08:15:00Z (the events carry no start time).
    expect(new Date(String(events[0].performed_at)).toISOString()).toBe('2026-11-30T08:15:00.000Z');
    expect(await reportsOf(ct.id)).toEqual([
      expect.objectContaining({
        sop_instance_uid: uid(10),
        template: 'CT',
        event_count: 3,
        total_dlp: '1530500000',
        events_dlp: '1530500000',
        totals_agree: true,
      }),
    ]);

    const before = { events: await eventsOf(ct.id), reports: await reportsOf(ct.id) };
    const again = await send(ct.ae, file);
    expect(again.output).toMatch(/Received Store Response \(Success\)/);
    expect({ events: await eventsOf(ct.id), reports: await reportsOf(ct.id) }).toEqual(before);
  });

  function ctRow(
    eventId: string,
    region: string,
    ctdi: string,
    dlp: string,
    phantom: string,
    length: string,
  ) {
    return {
      event_id: eventId,
      modality: 'CT',
      body_region: region,
      age: '54',
      patient_sex: 'F',
      ctdi,
      dlp,
      dap: null,
      kerma: null,
      fluoro: null,
      psd: null,
      phantom,
      length,
      sop_instance_uid: uid(10),
    };
  }

  it('stores a fluoroscopy report of many events, per event and accumulated, in Gy·cm² and mGy', async () => {
    // 20 events: odd ones fluoroscopy (DAP 0.0005 Gy·m² = 5 Gy·cm², Dose (RP) 0.010 Gy =
    // 10 mGy, 30 s of fluoroscopy), even ones acquisitions (0.0010 Gy·m² = 10 Gy·cm², 0.020 Gy
    // = 20 mGy, 5 s, which is no fluoro time). Totals: DAP 10 × 5 + 10 × 10 = 150 Gy·cm² =
    // 0.015 Gy·m²; Dose (RP) 10 × 10 + 10 × 20 = 300 mGy = 0.3 Gy; fluoro time 10 × 30 = 300 s;
    // peak skin dose 0.25 Gy = 250 mGy.
    const events: XrayEvent[] = Array.from({ length: 20 }, (_, i) => {
      const fluoroscopy = i % 2 === 0;
      return {
        uid: uid(100 + i),
        fluoroscopy,
        dap: fluoroscopy ? 0.0005 : 0.001,
        doseRp: fluoroscopy ? 0.01 : 0.02,
        durationS: fluoroscopy ? 30 : 5,
        // 10:00:00 + 10 s per event, at +01:00.
        startedAt: `2026113010${two(Math.floor(i / 6))}${two((i % 6) * 10)}+0100`,
      };
    });
    const report = projectionReport(SOP_CLASS.xrayDoseSr, uid(20), patient, events, {
      dapGyM2: 0.015,
      doseRpGy: 0.3,
      fluoroTimeS: 300,
      peakSkinDoseGy: 0.25,
    });
    const sent = await send(fluoro.ae, await writeDicom(files.file('xa.dcm'), report));
    expect(sent.output).toMatch(/Received Store Response \(Success\)/);
    const stored = await eventsOf(fluoro.id);
    expect(stored).toHaveLength(20);
    const fluoroRow = { modality: 'XA', dap: '5000000', kerma: '10000000', fluoro: '30000000' };
    const acquisitionRow = { modality: 'XA', dap: '10000000', kerma: '20000000', fluoro: null };
    stored.forEach((row, i) =>
      expect(row).toMatchObject({
        event_id: uid(100 + i),
        ...(i % 2 === 0 ? fluoroRow : acquisitionRow),
      }),
    );
    // The report's peak skin dose, reported only with the accumulated dose, is carried by the
    // first event, so the procedure (the study's events summed) has 250 mGy once.
    expect(stored.map((row) => row.psd)).toEqual(['250000000', ...Array<null>(19).fill(null)]);
    // Event i = 13 started 130 s after 10:00:00 at +01:00: 10:02:10+01:00 = 09:02:10Z.
    expect(new Date(String(stored[13].performed_at)).toISOString()).toBe(
      '2026-11-30T09:02:10.000Z',
    );
    expect(await reportsOf(fluoro.id)).toEqual([
      expect.objectContaining({
        template: 'projection',
        event_count: 20,
        total_dap: '150000000',
        events_dap: '150000000',
        total_kerma: '300000000',
        events_kerma: '300000000',
        total_fluoro: '300000000',
        events_fluoro: '300000000',
        total_psd: '250000000',
        totals_agree: true,
      }),
    ]);
  });

  it('stores an Enhanced SR with totals but no events as one event carrying the totals', async () => {
    // DAP total 0.00025 Gy·m² = 2.5 Gy·cm²; Dose (RP) total given as 1.2 mGy.
    const report = projectionReport(
      SOP_CLASS.enhancedSr,
      uid(30),
      { ...patient, age: '006M' },
      [],
      {
        dapGyM2: 0.00025,
        doseRp: [1.2, 'mGy'],
      },
    );
    const sent = await send(radiography.ae, await writeDicom(files.file('esr.dcm'), report));
    expect(sent.output).toMatch(/Received Store Response \(Success\)/);
    // 6 months = 0.5 years; a radiography room's events are DX.
    expect((await eventsOf(radiography.id)).map(storedValues)).toEqual([
      expect.objectContaining({
        event_id: uid(30),
        modality: 'DX',
        age: '0.5',
        dap: '2500000',
        kerma: '1200000',
        fluoro: null,
      }),
    ]);
    expect(await reportsOf(radiography.id)).toEqual([
      expect.objectContaining({
        event_count: 0,
        total_dap: '2500000',
        events_dap: null,
        totals_agree: null,
      }),
    ]);
  });

  it('refuses what is not a dose report with a DICOM status, and stores nothing of it', async () => {
    const textReport = srDocument(
      SOP_CLASS.comprehensiveSr,
      uid(40),
      patient,
      [],
      ['18748-4', 'Diagnostic Imaging Report'],
    );
    const sr = await send(ct.ae, await writeDicom(files.file('text-sr.dcm'), textReport));
    // PS3.4 B.2.3: C000 "Error: Cannot understand".
    expect(sr.output).toMatch(/Received Store Response \(Error: CannotUnderstand\)/);
    const image = await send(
      ct.ae,
      await writeDicom(files.file('image.dcm'), ctImage(uid(41), patient)),
    );
    // An image's SOP class is refused at association: no presentation context for it.
    expect(image.output).toMatch(
      /No presentation context for: \(CT\)|no acceptable presentation context/i,
    );
    const [row] = await dataSource.query<{ events: number; reports: number }[]>(
      `SELECT (SELECT count(*)::int FROM patient_exposure WHERE sop_instance_uid IN ($1, $2)) AS events,
              (SELECT count(*)::int FROM patient_dose_report WHERE sop_instance_uid IN ($1, $2)) AS reports`,
      [uid(40), uid(41)],
    );
    expect(row).toEqual({ events: 0, reports: 0 });
  });

  it('refuses an association from an AE title no RSO registered', async () => {
    const file = await writeDicom(
      files.file('stranger.dcm'),
      ctReport(uid(50), patient, [{ ...acquisitions[1], uid: uid(51) }], 310),
    );
    const sent = await send(`NOBODY${tag}`.slice(0, 16), file);
    expect(sent.code).not.toBe(0);
    expect(sent.output).toMatch(/Association Rejected/);
    expect(sent.output).toMatch(/Calling AE Title Not Recognized/i);
    const [row] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM patient_exposure WHERE event_id = $1`,
      [uid(51)],
    );
    expect(row.n).toBe(0);
    // Called with another AE title than DICOM_AE_TITLE: refused too.
    const misdirected = await storescu(port, ct.ae, 'NOT-DOSE', file);
    expect(misdirected.output).toMatch(/Called AE Title Not Recognized/i);
  });

  it('refuses a report whose every event fails validation, keeping the refusal without the patient', async () => {
    // CTDIvol 5 × 10⁹ mGy: beyond the event's plausibility bound (DESIGN.md §3.3).
    const implausible = ctReport(
      uid(70),
      patient,
      [{ ...acquisitions[1], uid: uid(71), ctdiVol: 5e9 }],
      310,
    );
    const sent = await send(ct.ae, await writeDicom(files.file('implausible.dcm'), implausible));
    expect(sent.output).toMatch(/Received Store Response \(Error: CannotUnderstand\)/);
    const rows = await dataSource.query<{ reason: string; redacted: boolean; payload: string }[]>(
      `SELECT reason, redacted, convert_from(payload, 'UTF8') AS payload FROM rejected_message
        WHERE topic = $1 AND received_at > now() - interval '10 minutes'`,
      [`dicom/${ct.id}`],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: expect.stringMatching(/ctdiVol/), redacted: true }),
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain(patient.id);
    const [row] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM patient_dose_report WHERE sop_instance_uid = $1`,
      [uid(70)],
    );
    expect(row.n).toBe(0);
  });

  it('answers a failure status when the commit fails, and stores the report when it is sent again', async () => {
    // The database refuses this one report (a trigger of the test's own, on its UID only, so
    // nothing else on the shared database is touched): the events roll back with it.
    const failing = uid(60);
    const trigger = `refuse_${tag}`;
    await dataSource.query(
      `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.sop_instance_uid = '${failing}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
       RETURN NEW; END $$`,
    );
    await dataSource.query(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON patient_dose_report FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
    );
    const file = await writeDicom(
      files.file('retry.dcm'),
      ctReport(failing, patient, [{ ...acquisitions[1], uid: uid(61) }], 310),
    );
    try {
      const refused = await send(ct.ae, file);
      // PS3.4 B.2.3: A700 "Refused: Out of Resources": the modality keeps it and retries.
      expect(refused.output).toMatch(/Received Store Response \(Refused: OutOfResources\)/);
      const [none] = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM patient_exposure WHERE event_id = $1`,
        [uid(61)],
      );
      expect(none.n).toBe(0);
    } finally {
      await dataSource.query(`DROP TRIGGER ${trigger} ON patient_dose_report`);
      await dataSource.query(`DROP FUNCTION ${trigger}()`);
    }
    const retried = await send(ct.ae, file);
    expect(retried.output).toMatch(/Received Store Response \(Success\)/);
    const [stored] = await dataSource.query<{ n: number; dlp: string }[]>(
      `SELECT count(*)::int AS n, sum(dlp_ngy_cm)::text AS dlp FROM patient_exposure WHERE event_id = $1`,
      [uid(61)],
    );
    expect(stored).toEqual({ n: 1, dlp: '310000000' });
  });
});

const two = (n: number) => String(n).padStart(2, '0');

/** A stored event's values, without its row id and times (which differ from run to run). */
const storedValues = ({
  id: _id,
  performed_at: _performedAt,
  received_at: _receivedAt,
  ...values
}: Record<string, unknown>) => values;
