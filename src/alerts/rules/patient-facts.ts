import type { AmountLevel } from '../../limits/alert-thresholds.js';
import type { AlertLevel } from './alert-candidate.js';

/** One exposure event of a patient, as the patient rules need it. */
export interface PatientEventFacts {
  id: string;
  /** Facility day (YYYY-MM-DD) of performedAt. */
  day: string;
  effectiveNsv: bigint | null;
  airKermaNgy: bigint | null;
  dapUgyCm2: bigint | null;
}

/** What the patient rules see of one patient. */
export interface PatientFacts {
  personId: string;
  /** Every event of the patient, oldest day first. */
  events: readonly PatientEventFacts[];
  /** Effective dose from dosimeters the patient wore (DESIGN.md §1), all time. */
  wornEffectiveNsv: bigint;
}

/** The highest level an amount reaches, if any (levels highest first). */
export function levelAtAmount(
  amount: bigint,
  levels: readonly AmountLevel[],
): AlertLevel | undefined {
  return levels.find(({ atLeast }) => amount >= atLeast)?.level;
}
