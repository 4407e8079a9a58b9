import type { PatientThreshold } from '../../limits/patient-thresholds.js';
import type { PatientEventFacts, PatientFacts } from './patient-facts.js';

/** Stored millionths of each unit. */
export const GY = 1_000_000_000n; // nGy
export const GY_CM2 = 1_000_000n; // µGy·cm²
export const MIN = 60_000_000n; // µs
export const MSV = 1_000_000n; // nSv

/** The defaults migration PatientRules1795699200000 seeds (DESIGN.md §5), for the unit specs. */
export const DEFAULT_THRESHOLDS: readonly PatientThreshold[] = [
  { quantity: 'referenceAirKerma', scope: 'procedure', level: 'notice', atLeast: 3n * GY },
  { quantity: 'referenceAirKerma', scope: 'procedure', level: 'high', atLeast: 5n * GY },
  { quantity: 'referenceAirKerma', scope: '12weeks', level: 'notice', atLeast: 3n * GY },
  { quantity: 'referenceAirKerma', scope: '12weeks', level: 'high', atLeast: 5n * GY },
  { quantity: 'peakSkinDose', scope: 'procedure', level: 'high', atLeast: 3n * GY },
  { quantity: 'peakSkinDose', scope: '12months', level: 'critical', atLeast: 15n * GY },
  { quantity: 'dap', scope: 'procedure', level: 'high', atLeast: 500n * GY_CM2 },
  { quantity: 'dap', scope: '12weeks', level: 'notice', atLeast: 200n * GY_CM2 },
  { quantity: 'fluoroTime', scope: 'procedure', level: 'warning', atLeast: 60n * MIN },
  { quantity: 'effective', scope: 'rolling5Years', level: 'notice', atLeast: 50n * MSV },
  { quantity: 'effective', scope: 'rolling5Years', level: 'warning', atLeast: 100n * MSV },
  { quantity: 'effective', scope: 'lifetime', level: 'notice', atLeast: 50n * MSV },
  { quantity: 'effective', scope: 'lifetime', level: 'warning', atLeast: 100n * MSV },
];

let ids = 0;

/** An event on `day` with only the given amounts (the others null), in its own study. */
export function patientEvent(
  day: string,
  amounts: Partial<PatientEventFacts> = {},
): PatientEventFacts {
  const id = `e${++ids}`;
  return {
    id,
    day,
    studyUid: null,
    effectiveNsv: null,
    airKermaNgy: null,
    dapUgyCm2: null,
    peakSkinDoseNgy: null,
    fluoroTimeUs: null,
    ...amounts,
  };
}

/** A patient with these events, evaluated on `today`, under the default thresholds. */
export function patientFacts(
  events: PatientEventFacts[],
  more: Partial<PatientFacts> = {},
): PatientFacts {
  return {
    personId: 'p',
    events,
    wornEffectiveNsv: 0n,
    wornRolling5YearsNsv: 0n,
    today: events.at(-1)?.day ?? '2026-12-07',
    thresholds: DEFAULT_THRESHOLDS,
    ...more,
  };
}
