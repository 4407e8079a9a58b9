import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ctImage,
  ctReport,
  num,
  projectionReport,
  scratchFolder,
  SOP_CLASS,
  srDocument,
  storescu,
  testUids,
  writeDicom,
  type Patient,
} from './support/dose-reports.js';
import {
  DICOM_AE_TITLE,
  registerDicomModality,
  startDicomService,
} from './support/dicom-service.js';
import type { Http } from './support/http.js';
import { unique } from './support/rso-session.js';
import type { ServiceInstance } from './support/service-instance.js';
import { ServiceProcess } from './support/service-process.js';
import { tablesContaining } from './support/table-scan.js';
import { testDatabaseUrl } from './support/test-env.js';

/**
 * DESIGN.md §3.2, §3.5: a DICOM dose report's Patient ID and Patient's Name are never stored or
 * logged. Reports go in stored, repeated, refused (not a dose report, an image, an unregistered
 * AE), with an event refused by validation and with a value in an unknown unit (both logged);
 * then every table and the whole log are searched for every raw ID and name.
 */
describe('patient id pseudonymisation, DICOM dose reports', () => {
  const tag = randomUUID().slice(0, 8);
  const uid = testUids(tag);
  const patients: Patient[] = Array.from({ length: 5 }, (_, i) => ({
    id: `PRIV-DICOM-${tag}-${i}`,
    name: `PRIVNAME${tag}^GIVEN${i}`,
    age: '061Y',
    sex: 'M',
  }));
  const modality = { id: unique('CT-PRIVDCM'), ae: `PC${tag}`.slice(0, 16) };
  let service: ServiceInstance;
  let port: number;
  let rso: Http;
  let dataSource: DataSource;
  let files: Awaited<ReturnType<typeof scratchFolder>>;
  const send = (ae: string, dataset: Record<string, unknown>, name: string) =>
    writeDicom(files.file(name), dataset).then((file) => storescu(port, ae, DICOM_AE_TITLE, file));

  beforeAll(async () => {
    ({ service, dicomPort: port, rso } = await startDicomService(`priv-${tag}`));
    await registerDicomModality(rso, modality, 'CT');
    dataSource = await new DataSource({
      type: 'postgres',
      url: testDatabaseUrl(),
      poolSize: 2,
    }).initialize();
    files = await scratchFolder();
  }, 180_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await files?.remove();
    await ServiceProcess.killAll();
  });

  it('keeps no raw Patient ID or name in any table or log line, and finds the patient by ID', async () => {
    const chest = {
      uid: uid(1),
      region: 'Chest',
      phantom: 'body',
      ctdiVol: 8.1,
      dlp: 310,
      lengthMm: 350,
    } as const;
    const stored = ctReport(uid(10), patients[0], [chest], 310);
    expect((await send(modality.ae, stored, 'a.dcm')).output).toMatch(/Store Response \(Success\)/);
    expect((await send(modality.ae, stored, 'a.dcm')).output).toMatch(/Store Response \(Success\)/);
    // One event refused by validation (CTDIvol beyond any examination), one kept: a warning.
    const implausible = ctReport(
      uid(20),
      patients[1],
      [
        { ...chest, uid: uid(21), ctdiVol: 5e9 },
        { ...chest, uid: uid(22) },
      ],
      620,
    );
    expect((await send(modality.ae, implausible, 'b.dcm')).output).toMatch(
      /Store Response \(Warning/,
    );
    // A total in a unit nobody knows: left out, logged without the patient.
    const oddUnit = projectionReport(SOP_CLASS.xrayDoseSr, uid(30), patients[2], [], {
      dapGyM2: 0.001,
    });
    const accumulated = (oddUnit.ContentSequence as Record<string, unknown>[])[1];
    (accumulated.ContentSequence as Record<string, unknown>[]).push(
      num('113725', 'Dose (RP) Total', 3, 'furlong'),
    );
    expect((await send(modality.ae, oddUnit, 'c.dcm')).output).toMatch(
      /Store Response \(Success\)/,
    );
    const text = srDocument(
      SOP_CLASS.comprehensiveSr,
      uid(40),
      patients[3],
      [],
      ['18748-4', 'Diagnostic Imaging Report'],
    );
    expect((await send(modality.ae, text, 'd.dcm')).output).toMatch(/CannotUnderstand/);
    expect((await send(modality.ae, ctImage(uid(50), patients[3]), 'e.dcm')).output).toMatch(
      /No presentation context/,
    );
    expect((await send(`STRANGER${tag}`.slice(0, 16), stored, 'f.dcm')).output).toMatch(
      /Association Rejected/,
    );
    const unregistered = ctReport(uid(60), patients[4], [{ ...chest, uid: uid(61) }], 310);
    expect((await send(`STRANGER${tag}`.slice(0, 16), unregistered, 'g.dcm')).output).toMatch(
      /Association Rejected/,
    );

    const [counts] = await dataSource.query<{ events: number; rejected: number }[]>(
      `SELECT (SELECT count(*)::int FROM patient_exposure WHERE modality_id = $1) AS events,
              (SELECT count(*)::int FROM rejected_message WHERE topic = $2) AS rejected`,
      [modality.id, `dicom/${modality.id}`],
    );
    // Events: 1 (report a, once) + 1 (report b's valid one) + 1 (report c's totals) = 3.
    // Rejected: report b's implausible event, and the SR that is no dose report = 2.
    expect(counts).toEqual({ events: 3, rejected: 2 });
    const found = await rso.post('/api/v1/patients/lookup', { patientId: patients[0].id });
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).not.toContain(tag);
    expect({ exit: await service.stop() }).toEqual({ exit: 0 });

    // The search finds what it looks for: the modality id and the report's UID are stored.
    expect(await tablesContaining(dataSource, modality.id)).toEqual(
      expect.arrayContaining(['patient_exposure', 'patient_dose_report', 'rejected_message']),
    );
    expect(service.log).toContain(`DICOM dose reports: AE title ${DICOM_AE_TITLE}`);
    expect(service.log).toContain('unit "furlong" is not a dose unit');
    for (const raw of patients.flatMap((p) => [p.id, p.name, p.name.split('^')[0]])) {
      expect({ raw, tables: await tablesContaining(dataSource, raw) }).toEqual({ raw, tables: [] });
      expect({ raw, logged: service.log.includes(raw) }).toEqual({ raw, logged: false });
    }
  });
});
