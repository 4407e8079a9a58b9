import type { CtPhantom } from './ct-effective-dose.js';

/** A validated patient exposure event (DESIGN.md §3.2): physical quantities in millionths. */
export interface ParsedExposure {
  modalityId: string;
  eventId: string;
  studyUid: string | null;
  /** HMAC pseudonym of the patient id; the raw id ends at parsing. */
  patientKey: string;
  performedAt: Date;
  modality: string;
  bodyRegion: string | null;
  patientAgeYears: number | null;
  ctdiVolNgy: bigint | null;
  dlpNgyCm: bigint | null;
  dapUgyCm2: bigint | null;
  airKermaNgy: bigint | null;
  fluoroTimeUs: bigint | null;
  peakSkinDoseNgy: bigint | null;
  ctPhantom: CtPhantom | null;
  effectiveNsv: bigint | null;
  /** `reported` by the modality, `estimated` from DLP × k, or null: no effective dose. */
  effectiveSource: EffectiveDoseSource | null;
  /** The k used for an estimate. */
  kFactor: string | null;
  sopInstanceUid: string | null;
  patientSex: string | null;
  /** Decimal text, as given. */
  scanningLengthMm: string | null;
}

export type EffectiveDoseSource = 'reported' | 'estimated';
