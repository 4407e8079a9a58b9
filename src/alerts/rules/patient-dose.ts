import { addDays, monthsBefore } from '../../calendar/days.js';
import { levelReached, levelsFor } from '../../limits/patient-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';
import type { PatientEventFacts, PatientFacts } from './patient-facts.js';
import { peakWindow } from './patient-windows.js';

/** Rolling 5 years: from the day after the same day 60 months before (as periods.ts). */
const fiveYearsFrom = (last: string) => addDays(monthsBefore(last, 60), 1);
const effective = (e: PatientEventFacts) => e.effectiveNsv;

/**
 * `patientDose` (DESIGN.md §5): the patient's cumulative effective dose (events with an
 * effective dose, reported or estimated, plus dosimeters they wore) at the levels of the
 * `effective` thresholds, over the whole record (`lifetime`) and over rolling 5 years
 * (`rolling5Years`: the largest 5-year window ending on an event's day or today; the
 * dosimeters' dose counts in the window ending today). One alert per patient and period.
 */
export function patientDoseAlerts(patient: PatientFacts): AlertCandidate[] {
  const { events } = patient;
  const without = events.filter((e) => e.effectiveNsv === null).length;
  let fromEvents = 0n;
  for (const event of events) fromEvents += event.effectiveNsv ?? 0n;
  const lifetime = fromEvents + patient.wornEffectiveNsv;

  const dosed = events.filter((e) => e.effectiveNsv !== null);
  const peak = peakWindow(dosed, effective, fiveYearsFrom);
  const todayFrom = fiveYearsFrom(patient.today);
  const todayEvents = dosed.filter((e) => e.day >= todayFrom && e.day <= patient.today);
  const today = todayEvents.reduce((sum, e) => sum + (e.effectiveNsv ?? 0n), 0n);
  const withWorn = today + patient.wornRolling5YearsNsv;
  const window =
    withWorn > peak.sum
      ? { sum: withWorn, from: todayFrom, to: patient.today, events: todayEvents.length }
      : { sum: peak.sum, from: peak.from, to: peak.to, events: peak.items.length };

  const candidates: AlertCandidate[] = [];
  const rolling = levelReached(
    window.sum,
    levelsFor(patient.thresholds, 'effective', 'rolling5Years'),
  );
  if (rolling)
    candidates.push(
      candidate(patient.personId, 'rolling5Years', rolling, window.sum, {
        windowFrom: window.from,
        windowTo: window.to,
        events: window.events,
        eventsWithoutEffectiveDose: without,
      }),
    );
  const whole = levelReached(lifetime, levelsFor(patient.thresholds, 'effective', 'lifetime'));
  if (whole)
    candidates.push(
      candidate(patient.personId, 'lifetime', whole, lifetime, {
        events: events.length,
        eventsWithoutEffectiveDose: without,
        fromEventsNsv: fromEvents.toString(),
        fromDosimetersNsv: patient.wornEffectiveNsv.toString(),
      }),
    );
  return candidates;
}

function candidate(
  personId: string,
  period: string,
  reached: { level: AlertCandidate['level']; atLeast: bigint },
  valueNsv: bigint,
  detail: Record<string, unknown>,
): AlertCandidate {
  return {
    kind: 'patientDose',
    level: reached.level,
    personId,
    badgeSerial: null,
    quantity: 'effective',
    period,
    valueNsv,
    limitNsv: reached.atLeast,
    detail,
  };
}
