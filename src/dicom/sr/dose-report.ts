import type { CtPhantom } from '../../patients/ct-effective-dose.js';
import * as C from './concepts.js';
import {
  childNamed,
  childText,
  childrenOf,
  codedValueOf,
  conceptOf,
  descendantsNamed,
  isConcept,
  measurementOf,
  textOf,
  type Item,
} from './content-items.js';
import { dicomDateTime, dicomInstant } from './dicom-time.js';
import { inStoredUnit, tidy } from './units.js';

/** The dose values of one irradiation event (or of a whole report), in the stored units. */
export interface DoseValues {
  /** mGy */
  ctdiVol?: number;
  /** mGy·cm */
  dlp?: number;
  /** Gy·cm² */
  dap?: number;
  /** Air kerma at the reference point, Dose (RP), mGy */
  referenceAirKerma?: number;
  /** s */
  fluoroTimeS?: number;
  /** mGy */
  peakSkinDose?: number;
}

export interface ReportEvent extends DoseValues {
  eventUid?: string;
  performedAt?: string;
  bodyRegion?: string;
  /** The CTDI phantom: IEC head (16 cm) or IEC body (32 cm). */
  ctPhantom?: CtPhantom;
  scanningLengthMm?: number;
}

/** A dose report as read (TID 10001 or TID 10011), before pseudonymisation. */
export interface DoseReport {
  template: 'CT' | 'projection';
  sopInstanceUid: string;
  studyUid?: string;
  /** Raw: it goes to pseudonymisation and nowhere else. */
  patientId?: string;
  patientAgeYears?: number;
  patientSex?: 'M' | 'F' | 'O';
  /** Start of X-Ray Irradiation, else the study's date and time, else the content's. */
  performedAt?: string;
  events: ReportEvent[];
  /** The report's accumulated dose data (TID 10002 / 10012). */
  totals: DoseValues;
  /** Values left out, and why (a unit not understood), without any patient data. */
  defects: string[];
}

/**
 * Reads an SR dataset (dcmjs-naturalized) as a dose report, or says why it is not one: the
 * root or a child must be a CT or projection X-ray accumulated-dose or event container.
 * Everything else is tolerant (DESIGN.md §3.5): a value that is absent or unreadable is left
 * out, never a reason to refuse the report.
 */
export function readDoseReport(dataset: Item, facilityTz: string): DoseReport | string {
  const sopInstanceUid = textOf(dataset, 'SOPInstanceUID');
  if (!sopInstanceUid) return 'the object has no SOP Instance UID';
  const ct = descendantsNamed(dataset, C.CT_ACQUISITION);
  const ctTotals = descendantsNamed(dataset, C.CT_ACCUMULATED);
  const xray = descendantsNamed(dataset, C.XRAY_EVENT);
  const xrayTotals = descendantsNamed(dataset, C.ACCUMULATED_XRAY);
  const template =
    ct.length + ctTotals.length > 0
      ? 'CT'
      : xray.length + xrayTotals.length > 0
        ? 'projection'
        : undefined;
  if (!template) return 'not a radiation dose report (no TID 10011 or TID 10001 content)';
  const defects: string[] = [];
  const offset = textOf(dataset, 'TimezoneOffsetFromUTC');
  const at = (date: string, time: string) =>
    dicomInstant(textOf(dataset, date), textOf(dataset, time), offset, facilityTz);
  const startOfIrradiation = dicomDateTime(
    descendantsNamed(dataset, C.START_OF_IRRADIATION).map((i) => textOf(i, 'DateTime'))[0],
    facilityTz,
  );
  const values = (item: Item, concepts: C.NumericConcept[]) => doseValues(item, concepts, defects);
  const eventOf = (item: Item): ReportEvent => ({
    eventUid: childText(item, C.IRRADIATION_EVENT_UID, 'UID'),
    performedAt: dicomDateTime(childText(item, C.DATETIME_STARTED, 'DateTime'), facilityTz),
    bodyRegion: regionOf(item),
    ...(template === 'CT' ? ctEvent(item, defects) : projectionEvent(item, defects)),
  });
  return {
    template,
    sopInstanceUid,
    studyUid: textOf(dataset, 'StudyInstanceUID'),
    patientId: textOf(dataset, 'PatientID'),
    patientAgeYears: ageOf(dataset),
    patientSex: sexOf(textOf(dataset, 'PatientSex')),
    performedAt:
      startOfIrradiation ?? at('StudyDate', 'StudyTime') ?? at('ContentDate', 'ContentTime'),
    events: (template === 'CT' ? ct : xray).map(eventOf),
    // A biplane system reports one accumulated container per plane (TID 10002): they add up.
    totals: summed(
      (template === 'CT' ? ctTotals : xrayTotals).map((item) =>
        values(
          item,
          template === 'CT'
            ? [C.CT_DLP_TOTAL]
            : [C.DAP_TOTAL, C.DOSE_RP_TOTAL, C.FLUORO_TIME_TOTAL, C.PEAK_SKIN_DOSE],
        ),
      ),
    ),
    defects,
  };
}

/** Per quantity, the sum of the values given; the peak skin dose is the highest, not a sum. */
function summed(all: DoseValues[]): DoseValues {
  const result: DoseValues = {};
  for (const values of all) {
    for (const [key, value] of Object.entries(values) as [keyof DoseValues, number][]) {
      const before = result[key];
      result[key] =
        before === undefined
          ? value
          : key === 'peakSkinDose'
            ? Math.max(before, value)
            : tidy(before + value);
    }
  }
  return result;
}

function ctEvent(item: Item, defects: string[]): Partial<ReportEvent> {
  // TID 10013: CTDIvol, DLP and the phantom sit in a CT Dose container; some scanners put
  // them straight in the acquisition, so the whole acquisition is searched.
  const number = (concept: C.NumericConcept) => numberIn(item, concept, defects);
  const phantom = descendantsNamed(item, C.CT_PHANTOM_TYPE).map(codedValueOf)[0];
  return {
    ctdiVol: number(C.MEAN_CTDIVOL),
    dlp: number(C.DLP),
    scanningLengthMm: number(C.SCANNING_LENGTH),
    ctPhantom: isConcept(phantom, C.IEC_HEAD_PHANTOM)
      ? 'head16'
      : isConcept(phantom, C.IEC_BODY_PHANTOM)
        ? 'body32'
        : undefined,
  };
}

function projectionEvent(item: Item, defects: string[]): Partial<ReportEvent> {
  const number = (concept: C.NumericConcept) => numberIn(item, concept, defects);
  const type = codedValueOf(childNamed(item, C.IRRADIATION_EVENT_TYPE) ?? {})?.meaning;
  return {
    dap: number(C.DAP),
    referenceAirKerma: number(C.DOSE_RP),
    // TID 10003 has no fluoro time per event: a fluoroscopy event's duration is its fluoro time.
    fluoroTimeS: /fluoro/i.test(type ?? '') ? number(C.IRRADIATION_DURATION) : undefined,
    peakSkinDose: number(C.PEAK_SKIN_DOSE),
  };
}

/** The first value of each concept under `item`, in its stored unit. */
function doseValues(item: Item, concepts: C.NumericConcept[], defects: string[]): DoseValues {
  const keys: Partial<Record<string, keyof DoseValues>> = {
    [C.CT_DLP_TOTAL.meaning]: 'dlp',
    [C.DAP_TOTAL.meaning]: 'dap',
    [C.DOSE_RP_TOTAL.meaning]: 'referenceAirKerma',
    [C.FLUORO_TIME_TOTAL.meaning]: 'fluoroTimeS',
    [C.PEAK_SKIN_DOSE.meaning]: 'peakSkinDose',
  };
  const result: DoseValues = {};
  for (const concept of concepts) {
    const key = keys[concept.meaning];
    const value = numberIn(item, concept, defects);
    if (key && value !== undefined) result[key] = value;
  }
  return result;
}

function numberIn(item: Item, concept: C.NumericConcept, defects: string[]): number | undefined {
  for (const found of descendantsNamed(item, concept)) {
    const measurement = measurementOf(found);
    if (!measurement) continue;
    const value = inStoredUnit(measurement, concept.quantity, concept.unit);
    if (typeof value === 'number') return tidy(value);
    defects.push(`${concept.meaning}: ${value}`);
  }
  return undefined;
}

function regionOf(item: Item): string | undefined {
  const code = childrenOf(item)
    .filter((child) => isConcept(conceptOf(child), C.TARGET_REGION))
    .map(codedValueOf)[0];
  return code?.meaning?.toLowerCase() ?? code?.value;
}

const AGE_UNIT_YEARS: Record<string, number> = { Y: 1, M: 1 / 12, W: 7 / 365.25, D: 1 / 365.25 };

/** Patient's Age (AS, `nnnY|M|W|D`) in years; tolerant of a missing unit (years) or padding. */
function ageOf(dataset: Item): number | undefined {
  const m = /^(\d{1,3})\s*([YMWD])?$/i.exec(textOf(dataset, 'PatientAge') ?? '');
  if (!m) return undefined;
  const years = Number(m[1]) * AGE_UNIT_YEARS[(m[2] ?? 'Y').toUpperCase()];
  return years <= 150 ? Math.round(years * 100) / 100 : undefined;
}

function sexOf(value: string | undefined): 'M' | 'F' | 'O' | undefined {
  const sex = value?.toUpperCase();
  return sex === 'M' || sex === 'F' || sex === 'O' ? sex : undefined;
}
