import { levelReached, levelsFor, type PatientQuantity } from '../../limits/patient-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';
import type { PatientEventFacts, PatientFacts } from './patient-facts.js';

/**
 * One procedure: the events of one study (a DICOM dose report gives one event per irradiation
 * event, DESIGN.md §3.5), or an event without a study alone. `key` is the alert's period.
 */
export interface Procedure {
  key: string;
  /** The day of its first event. */
  day: string;
  events: PatientEventFacts[];
}

/** The skin quantities of DESIGN.md §5, and where an event keeps each. */
export const SKIN_AMOUNTS: readonly [
  Exclude<PatientQuantity, 'effective'>,
  (e: PatientEventFacts) => bigint | null,
][] = [
  ['referenceAirKerma', (e) => e.airKermaNgy],
  ['peakSkinDose', (e) => e.peakSkinDoseNgy],
  ['dap', (e) => e.dapUgyCm2],
  ['fluoroTime', (e) => e.fluoroTimeUs],
];

/** The patient's procedures, in the order of their first events (events come oldest first). */
export function proceduresOf(events: readonly PatientEventFacts[]): Procedure[] {
  const procedures = new Map<string, Procedure>();
  for (const event of events) {
    const key = event.studyUid === null ? `event:${event.id}` : `study:${event.studyUid}`;
    const procedure = procedures.get(key) ?? { key, day: event.day, events: [] };
    procedure.events.push(event);
    procedures.set(key, procedure);
  }
  return [...procedures.values()];
}

/**
 * A procedure's amount: the sum over its events, null when none carries it. Air kerma, DAP and
 * fluoroscopy time add up over a procedure's irradiation events; peak skin doses of several
 * events may fall on different skin, so their sum is an upper bound, which errs on the side of
 * the patient.
 */
export function procedureAmount(
  procedure: Procedure,
  amount: (e: PatientEventFacts) => bigint | null,
): bigint | null {
  let sum: bigint | null = null;
  for (const event of procedure.events) {
    const value = amount(event);
    if (value !== null) sum = (sum ?? 0n) + value;
  }
  return sum;
}

/**
 * `patientSkin` per procedure (DESIGN.md §5): reference air kerma, peak skin dose when
 * reported, dose-area product and fluoroscopy time, each at the levels of its `procedure`
 * thresholds. One alert per procedure and quantity, escalated as the study's events arrive.
 */
export function procedureAlerts(patient: PatientFacts): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  const procedures = proceduresOf(patient.events);
  for (const [quantity, amount] of SKIN_AMOUNTS) {
    const levels = levelsFor(patient.thresholds, quantity, 'procedure');
    for (const procedure of procedures) {
      const value = procedureAmount(procedure, amount);
      const reached = value === null ? undefined : levelReached(value, levels);
      if (value === null || !reached) continue;
      candidates.push({
        kind: 'patientSkin',
        level: reached.level,
        personId: patient.personId,
        badgeSerial: null,
        quantity,
        period: procedure.key,
        valueNsv: value,
        limitNsv: reached.atLeast,
        detail: { day: procedure.day, events: procedure.events.map((e) => e.id) },
      });
    }
  }
  return candidates;
}
