import type { AlertLevel, AmountLevel } from './alert-thresholds.js';

/**
 * The patient rules' thresholds are data (table `patient_alert_threshold`, DESIGN.md §5): one
 * row per quantity, scope and level, seeded with its source by migration
 * PatientRules1795699200000 and editable by the RSO. This file says which rows can exist, in
 * which unit the API speaks of them, and how the stored millionths relate to that unit.
 */

/** What a patient rule measures: the quantity and, in the alert, its `quantity`. */
export const PATIENT_QUANTITIES = [
  'referenceAirKerma',
  'peakSkinDose',
  'dap',
  'fluoroTime',
  'effective',
] as const;
export type PatientQuantity = (typeof PATIENT_QUANTITIES)[number];

/**
 * Over what the quantity is taken: one procedure (the events of one study), the largest
 * 12-week (84-day) or 12-month window, the rolling 5 years, the patient's whole record.
 */
export const PATIENT_SCOPES = [
  'procedure',
  '12weeks',
  '12months',
  'rolling5Years',
  'lifetime',
] as const;
export type PatientScope = (typeof PATIENT_SCOPES)[number];

export interface PatientRule {
  quantity: PatientQuantity;
  scope: PatientScope;
  /** The unit thresholds and alerts are given in over HTTP and MQTT (DESIGN.md §6). */
  unit: string;
  /** Stored millionths (nGy, µGy·cm², µs, nSv) in one `unit`. */
  perUnit: bigint;
  /** `above`: strictly more than the threshold (the sentinel event's "> 15 Gy"); else at least. */
  comparison: 'atLeast' | 'above';
}

const GY = { unit: 'Gy', perUnit: 1_000_000_000n } as const; // nGy (millionths of mGy)
const GY_CM2 = { unit: 'Gy·cm²', perUnit: 1_000_000n } as const; // µGy·cm²
const MIN = { unit: 'min', perUnit: 60_000_000n } as const; // µs
const MSV = { unit: 'mSv', perUnit: 1_000_000n } as const; // nSv

/** Every rule a threshold row may belong to (DESIGN.md §5, patients). */
export const PATIENT_RULES: readonly PatientRule[] = [
  { quantity: 'referenceAirKerma', scope: 'procedure', ...GY, comparison: 'atLeast' },
  { quantity: 'referenceAirKerma', scope: '12weeks', ...GY, comparison: 'atLeast' },
  { quantity: 'peakSkinDose', scope: 'procedure', ...GY, comparison: 'atLeast' },
  { quantity: 'peakSkinDose', scope: '12months', ...GY, comparison: 'above' },
  { quantity: 'dap', scope: 'procedure', ...GY_CM2, comparison: 'atLeast' },
  { quantity: 'dap', scope: '12weeks', ...GY_CM2, comparison: 'atLeast' },
  { quantity: 'fluoroTime', scope: 'procedure', ...MIN, comparison: 'atLeast' },
  { quantity: 'effective', scope: 'rolling5Years', ...MSV, comparison: 'atLeast' },
  { quantity: 'effective', scope: 'lifetime', ...MSV, comparison: 'atLeast' },
];

export function patientRule(quantity: string, scope: string): PatientRule | undefined {
  return PATIENT_RULES.find((rule) => rule.quantity === quantity && rule.scope === scope);
}

/** The unit a patient alert's quantity is given in (the same for every scope of it). */
export function patientQuantityUnit(
  quantity: string,
): Pick<PatientRule, 'unit' | 'perUnit'> | undefined {
  return PATIENT_RULES.find((rule) => rule.quantity === quantity);
}

/** One threshold row as the rules use it: `atLeast` in stored millionths. */
export interface PatientThreshold {
  quantity: string;
  scope: string;
  level: AlertLevel;
  atLeast: bigint;
}

/** A rule's levels, highest first, and how they compare. */
export interface RuleLevels {
  levels: AmountLevel[];
  comparison: PatientRule['comparison'];
}

/** The levels the thresholds set for one rule (none: the rule raises nothing). */
export function levelsFor(
  thresholds: readonly PatientThreshold[],
  quantity: PatientQuantity,
  scope: PatientScope,
): RuleLevels {
  const levels = thresholds
    .filter((t) => t.quantity === quantity && t.scope === scope)
    .map(({ level, atLeast }) => ({ level, atLeast }))
    .sort((a, b) => (a.atLeast > b.atLeast ? -1 : a.atLeast < b.atLeast ? 1 : 0));
  return { levels, comparison: patientRule(quantity, scope)?.comparison ?? 'atLeast' };
}

/** The highest level an amount reaches under a rule's levels, with the threshold it crossed. */
export function levelReached(
  amount: bigint,
  { levels, comparison }: RuleLevels,
): AmountLevel | undefined {
  return levels.find(({ atLeast }) =>
    comparison === 'above' ? amount > atLeast : amount >= atLeast,
  );
}
