import { PATIENT_DOSE_LEVELS } from '../../limits/alert-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';
import { levelAtAmount, type PatientFacts } from './patient-facts.js';

/**
 * `patientDose` (DESIGN.md §5): the patient's cumulative effective dose over their whole record
 * (events with an effective dose, reported or estimated, plus dosimeters they wore) at 50 and
 * 100 mSv. One alert per patient (`lifetime`), escalated from notice to warning.
 */
export function patientDoseAlerts(patient: PatientFacts): AlertCandidate[] {
  let fromEvents = 0n;
  for (const event of patient.events) fromEvents += event.effectiveNsv ?? 0n;
  const total = fromEvents + patient.wornEffectiveNsv;
  const level = levelAtAmount(total, PATIENT_DOSE_LEVELS);
  if (!level) return [];
  return [
    {
      kind: 'patientDose',
      level,
      personId: patient.personId,
      badgeSerial: null,
      quantity: 'effective',
      period: 'lifetime',
      valueNsv: total,
      // The reference a fraction is read against: the recurrent-imaging level (100 mSv).
      limitNsv: PATIENT_DOSE_LEVELS[0].atLeast,
      detail: {
        events: patient.events.length,
        eventsWithoutEffectiveDose: patient.events.filter((e) => e.effectiveNsv === null).length,
        fromEventsNsv: fromEvents.toString(),
        fromDosimetersNsv: patient.wornEffectiveNsv.toString(),
      },
    },
  ];
}
