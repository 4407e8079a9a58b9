import type { Concept } from './content-items.js';
import type { Quantity } from './units.js';

/**
 * The concepts of the dose templates this service reads, by their DCM codes (PS3.16 Annex D):
 * TID 10001 Projection X-Ray Radiation Dose (TID 10002 accumulated, TID 10003 irradiation
 * event) and TID 10011 CT Radiation Dose (TID 10012 accumulated, TID 10013 irradiation event).
 */
const concept = (code: string, meaning: string): Concept => ({ code, meaning });

/** A numeric concept: what it measures and the unit its template prescribes. */
export interface NumericConcept extends Concept {
  quantity: Quantity;
  unit: string;
}
const numeric = (code: string, meaning: string, quantity: Quantity, unit: string) => ({
  code,
  meaning,
  quantity,
  unit,
});

export const REPORT = concept('113701', 'X-Ray Radiation Dose Report');
export const IRRADIATION_EVENT_UID = concept('113769', 'Irradiation Event UID');
export const DATETIME_STARTED = concept('111526', 'DateTime Started');
export const TARGET_REGION = concept('123014', 'Target Region');
export const START_OF_IRRADIATION = concept('113809', 'Start of X-Ray Irradiation');

// CT (TID 10011, 10012, 10013, 10014)
export const CT_ACCUMULATED = concept('113811', 'CT Accumulated Dose Data');
export const CT_ACQUISITION = concept('113819', 'CT Acquisition');
export const CT_PHANTOM_TYPE = concept('113835', 'CTDIw Phantom Type');
export const IEC_HEAD_PHANTOM = concept('113690', 'IEC Head Dosimetry Phantom');
export const IEC_BODY_PHANTOM = concept('113691', 'IEC Body Dosimetry Phantom');
export const CT_DLP_TOTAL = numeric('113813', 'CT Dose Length Product Total', 'dlp', 'mGy.cm');
export const MEAN_CTDIVOL = numeric('113830', 'Mean CTDIvol', 'dose', 'mGy');
export const DLP = numeric('113838', 'DLP', 'dlp', 'mGy.cm');
export const SCANNING_LENGTH = numeric('113825', 'Scanning Length', 'length', 'mm');

// Projection X-ray and fluoroscopy (TID 10001, 10002, 10003)
export const ACCUMULATED_XRAY = concept('113702', 'Accumulated X-Ray Dose Data');
export const XRAY_EVENT = concept('113706', 'Irradiation Event X-Ray Data');
export const IRRADIATION_EVENT_TYPE = concept('113721', 'Irradiation Event Type');
export const DAP_TOTAL = numeric('113722', 'Dose Area Product Total', 'dap', 'Gy.m2');
export const DOSE_RP_TOTAL = numeric('113725', 'Dose (RP) Total', 'dose', 'Gy');
export const FLUORO_TIME_TOTAL = numeric('113730', 'Total Fluoro Time', 'time', 's');
export const DAP = numeric('122130', 'Dose Area Product', 'dap', 'Gy.m2');
export const DOSE_RP = numeric('113738', 'Dose (RP)', 'dose', 'Gy');
export const IRRADIATION_DURATION = numeric('113742', 'Irradiation Duration', 'time', 's');
/**
 * Peak skin dose: PS3.16 names no such row in TID 10001-10003; vendors that compute it add
 * it to the accumulated data or the event under this name, so it is matched by meaning
 * only (no DCM code was confirmed for it).
 */
export const PEAK_SKIN_DOSE = numeric('', 'Peak Skin Dose', 'dose', 'Gy');
