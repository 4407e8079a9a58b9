import type { PatientThreshold } from '../../limits/patient-thresholds.js';

/** One exposure event of a patient, as the patient rules need it (amounts in stored millionths). */
export interface PatientEventFacts {
  id: string;
  /** Facility day (YYYY-MM-DD) of performedAt. */
  day: string;
  /** The study the event belongs to: the events of one study are one procedure. */
  studyUid: string | null;
  effectiveNsv: bigint | null;
  airKermaNgy: bigint | null;
  dapUgyCm2: bigint | null;
  peakSkinDoseNgy: bigint | null;
  fluoroTimeUs: bigint | null;
}

/** What the patient rules see of one patient. */
export interface PatientFacts {
  personId: string;
  /** Every event of the patient, oldest day first. */
  events: readonly PatientEventFacts[];
  /** Effective dose from dosimeters the patient wore (DESIGN.md §1), all time. */
  wornEffectiveNsv: bigint;
  /** Of that, within the rolling 5 years ending `today`. */
  wornRolling5YearsNsv: bigint;
  /** The facility day of the evaluation. */
  today: string;
  /** The thresholds (table patient_alert_threshold). */
  thresholds: readonly PatientThreshold[];
}
