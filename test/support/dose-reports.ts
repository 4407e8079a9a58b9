import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import dimse from 'dcmjs-dimse';

/**
 * DICOM dose reports built in the test (dcmjs naturalized datasets written as Part 10 files),
 * with made-up patients only, and dcmtk's storescu/echoscu (Debian package dcmtk) to send them
 * as a modality would.
 */
type Item = Record<string, unknown>;

const code = (value: string, meaning: string, scheme = 'DCM') => [
  { CodeValue: value, CodingSchemeDesignator: scheme, CodeMeaning: meaning },
];
const named = (relationship: string, valueType: string, value: string, meaning: string) => ({
  RelationshipType: relationship,
  ValueType: valueType,
  ConceptNameCodeSequence: code(value, meaning),
});

export const container = (value: string, meaning: string, children: Item[]): Item => ({
  ...named('CONTAINS', 'CONTAINER', value, meaning),
  ContinuityOfContent: 'SEPARATE',
  ContentSequence: children,
});
export const num = (
  value: string,
  meaning: string,
  number: number | string,
  unit: string,
): Item => ({
  ...named('CONTAINS', 'NUM', value, meaning),
  MeasuredValueSequence: [
    { NumericValue: String(number), MeasurementUnitsCodeSequence: code(unit, unit, 'UCUM') },
  ],
});
export const coded = (value: string, meaning: string, answer: [string, string, string?]): Item => ({
  ...named('CONTAINS', 'CODE', value, meaning),
  ConceptCodeSequence: code(answer[0], answer[1], answer[2] ?? 'DCM'),
});
export const uidref = (uid: string): Item => ({
  ...named('CONTAINS', 'UIDREF', '113769', 'Irradiation Event UID'),
  UID: uid,
});
export const started = (dicomDateTime: string): Item => ({
  ...named('CONTAINS', 'DATETIME', '111526', 'DateTime Started'),
  DateTime: dicomDateTime,
});

/** UIDs of a test's own (2.25: a UUID-derived root, PS3.5 B.2), numbered. */
export const testUids =
  (tag: string) =>
  (n: number): string =>
    `2.25.${parseInt(tag, 16)}.${n}`;

export const SOP_CLASS = {
  xrayDoseSr: '1.2.840.10008.5.1.4.1.1.88.67',
  enhancedSr: '1.2.840.10008.5.1.4.1.1.88.22',
  comprehensiveSr: '1.2.840.10008.5.1.4.1.1.88.33',
  ctImage: '1.2.840.10008.5.1.4.1.1.2',
};

export interface Patient {
  id: string;
  name: string;
  age?: string;
  sex?: string;
}

/** An SR document with this content under its root container (X-Ray Radiation Dose Report). */
export function srDocument(
  sopClassUid: string,
  sopInstanceUid: string,
  patient: Patient,
  content: Item[],
  root: [string, string] = ['113701', 'X-Ray Radiation Dose Report'],
): Item {
  return {
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    StudyInstanceUID: `${sopInstanceUid}.1`,
    SeriesInstanceUID: `${sopInstanceUid}.2`,
    Modality: 'SR',
    PatientName: patient.name,
    PatientID: patient.id,
    PatientAge: patient.age,
    PatientSex: patient.sex,
    StudyDate: '20261130',
    StudyTime: '091500',
    TimezoneOffsetFromUTC: '+0100',
    ValueType: 'CONTAINER',
    ContinuityOfContent: 'SEPARATE',
    ConceptNameCodeSequence: code(root[0], root[1]),
    ContentSequence: content,
  };
}

export interface CtAcquisition {
  uid: string;
  region: string;
  phantom: 'head' | 'body';
  ctdiVol: number;
  dlp: number | string;
  dlpUnit?: string;
  lengthMm: number;
}

/** TID 10011: a CT report with these acquisitions (TID 10013) and a DLP total (TID 10012). */
export function ctReport(
  sopInstanceUid: string,
  patient: Patient,
  acquisitions: CtAcquisition[],
  dlpTotal: number,
): Item {
  const phantom = {
    head: ['113690', 'IEC Head Dosimetry Phantom'],
    body: ['113691', 'IEC Body Dosimetry Phantom'],
  } as const;
  return srDocument(SOP_CLASS.xrayDoseSr, sopInstanceUid, patient, [
    coded('121058', 'Procedure reported', ['77477000', 'Computed Tomography X-Ray', 'SCT']),
    container('113811', 'CT Accumulated Dose Data', [
      num('113812', 'Total Number of Irradiation Events', acquisitions.length, '{events}'),
      num('113813', 'CT Dose Length Product Total', dlpTotal, 'mGy.cm'),
    ]),
    ...acquisitions.map((a) =>
      container('113819', 'CT Acquisition', [
        coded('123014', 'Target Region', ['T-D3000', a.region, 'SRT']),
        coded('113820', 'CT Acquisition Type', ['P5-08001', 'Spiral Acquisition', 'SRT']),
        container('113822', 'CT Acquisition Parameters', [
          num('113825', 'Scanning Length', a.lengthMm, 'mm'),
        ]),
        container('113829', 'CT Dose', [
          num('113830', 'Mean CTDIvol', a.ctdiVol, 'mGy'),
          coded('113835', 'CTDIw Phantom Type', [...phantom[a.phantom]]),
          num('113838', 'DLP', a.dlp, a.dlpUnit ?? 'mGy.cm'),
        ]),
        uidref(a.uid),
      ]),
    ),
  ]);
}

export interface XrayEvent {
  uid: string;
  fluoroscopy: boolean;
  /** Gy·m² */
  dap: number;
  /** Gy */
  doseRp: number;
  durationS: number;
  startedAt: string;
}

export interface XrayTotals {
  dapGyM2?: number;
  doseRpGy?: number;
  /** [value, unit] when the unit is not Gy */
  doseRp?: [number, string];
  fluoroTimeS?: number;
  peakSkinDoseGy?: number;
}

/** TID 10001: a projection X-ray report with these events (TID 10003) and totals (TID 10002). */
export function projectionReport(
  sopClassUid: string,
  sopInstanceUid: string,
  patient: Patient,
  events: XrayEvent[],
  totals: XrayTotals,
): Item {
  const accumulated = [
    coded('113764', 'Acquisition Plane', ['113622', 'Single Plane']),
    ...(totals.dapGyM2 === undefined
      ? []
      : [num('113722', 'Dose Area Product Total', totals.dapGyM2, 'Gy.m2')]),
    ...(totals.doseRpGy === undefined
      ? []
      : [num('113725', 'Dose (RP) Total', totals.doseRpGy, 'Gy')]),
    ...(totals.doseRp === undefined ? [] : [num('113725', 'Dose (RP) Total', ...totals.doseRp)]),
    ...(totals.fluoroTimeS === undefined
      ? []
      : [num('113730', 'Total Fluoro Time', totals.fluoroTimeS, 's')]),
    // A vendor's row: PS3.16 has no DCM code for it, so a private one, matched by meaning.
    ...(totals.peakSkinDoseGy === undefined
      ? []
      : [
          {
            ...num('99PSD', 'Peak Skin Dose', totals.peakSkinDoseGy, 'Gy'),
            ConceptNameCodeSequence: code('PSD1', 'Peak Skin Dose', '99VENDOR'),
          },
        ]),
  ];
  return srDocument(sopClassUid, sopInstanceUid, patient, [
    coded('121058', 'Procedure reported', ['113704', 'Projection X-Ray']),
    container('113702', 'Accumulated X-Ray Dose Data', accumulated),
    ...events.map((e) =>
      container('113706', 'Irradiation Event X-Ray Data', [
        coded('113764', 'Acquisition Plane', ['113622', 'Single Plane']),
        started(e.startedAt),
        coded(
          '113721',
          'Irradiation Event Type',
          e.fluoroscopy ? ['P5-06000', 'Fluoroscopy', 'SRT'] : ['113611', 'Stationary Acquisition'],
        ),
        uidref(e.uid),
        num('122130', 'Dose Area Product', e.dap, 'Gy.m2'),
        num('113738', 'Dose (RP)', e.doseRp, 'Gy'),
        num('113742', 'Irradiation Duration', e.durationS, 's'),
      ]),
    ),
  ]);
}

/** An image object (no dose report): CT Image Storage without pixels. */
export function ctImage(sopInstanceUid: string, patient: Patient): Item {
  return {
    SOPClassUID: SOP_CLASS.ctImage,
    SOPInstanceUID: sopInstanceUid,
    StudyInstanceUID: `${sopInstanceUid}.1`,
    SeriesInstanceUID: `${sopInstanceUid}.2`,
    Modality: 'CT',
    PatientName: patient.name,
    PatientID: patient.id,
  };
}

/** A folder for the test's files; remove() when done. */
export async function scratchFolder(): Promise<{
  file: (name: string) => string;
  remove: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dose-reports-'));
  return {
    file: (name) => path.join(dir, name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Writes a dataset as a Part 10 file (Explicit VR Little Endian). */
export async function writeDicom(file: string, dataset: Item): Promise<string> {
  const { Dataset } = dimse;
  await new Promise<void>((resolve, reject) =>
    new Dataset(dataset, '1.2.840.10008.1.2.1').toFile(file, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  return file;
}

export interface DcmtkRun {
  code: number;
  output: string;
}

/** Runs a dcmtk tool (storescu, echoscu) and returns its exit code and output, never throwing. */
export async function dcmtk(tool: 'storescu' | 'echoscu', args: string[]): Promise<DcmtkRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tool, args, { timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: Number(failed.code ?? -1),
      output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    };
  }
}

/** storescu sending files as a modality with this AE title to the service. */
export const storescu = (port: number, callingAe: string, calledAe: string, ...files: string[]) =>
  dcmtk('storescu', [
    '-v',
    '-aet',
    callingAe,
    '-aec',
    calledAe,
    '127.0.0.1',
    String(port),
    ...files,
  ]);
