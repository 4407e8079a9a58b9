import { addDays, daysBetween } from '../../calendar/days.js';
import {
  PATIENT_AIR_KERMA_LEVELS,
  PATIENT_DAP_LEVELS,
  PATIENT_SKIN_WINDOW_DAYS,
} from '../../limits/alert-thresholds.js';
import { levelRank, type AlertCandidate, type AlertLevel } from './alert-candidate.js';
import { levelAtAmount, type PatientEventFacts, type PatientFacts } from './patient-facts.js';

type SkinQuantity = 'referenceAirKerma' | 'dap';

/**
 * `patientSkin` (DESIGN.md §5): reference air kerma per event (3 Gy notice, 5 Gy high) and
 * summed over 12 weeks (same levels); dose-area product summed over 12 weeks (200 Gy·cm²).
 *
 * A 12-week sum belongs to a *series*: events each less than 12 weeks after the one before.
 * Every 12-week window lies inside one series, so a series is one alert (`12weeks:<first
 * day>`), escalated as the series goes on, never repeated for each new window; a new series
 * starts only after 12 weeks without an event. An air-kerma sum that only reaches what one of
 * its events reached alone adds nothing to that event's alert and raises none of its own.
 */
export function patientSkinAlerts(patient: PatientFacts): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  const eventLevels = new Map<string, AlertLevel>();
  for (const event of patient.events) {
    if (event.airKermaNgy === null) continue;
    const level = levelAtAmount(event.airKermaNgy, PATIENT_AIR_KERMA_LEVELS);
    if (!level) continue;
    eventLevels.set(event.id, level);
    candidates.push(
      candidate(patient.personId, 'referenceAirKerma', `event:${event.id}`, level, {
        valueNsv: event.airKermaNgy,
        limitNsv: PATIENT_AIR_KERMA_LEVELS[0].atLeast,
        detail: { eventId: event.id, day: event.day },
      }),
    );
  }
  for (const [quantity, levels, amount] of [
    ['referenceAirKerma', PATIENT_AIR_KERMA_LEVELS, (e: PatientEventFacts) => e.airKermaNgy],
    ['dap', PATIENT_DAP_LEVELS, (e: PatientEventFacts) => e.dapUgyCm2],
  ] as const) {
    for (const series of seriesOf(patient.events, amount)) {
      const peak = peakWindow(series, amount);
      const level = levelAtAmount(peak.sum, levels);
      if (!level) continue;
      const singleEvent = series
        .map((event) => eventLevels.get(event.id))
        .reduce((best, l) => Math.max(best, l ? levelRank(l) : 0), 0);
      if (quantity === 'referenceAirKerma' && levelRank(level) <= singleEvent) continue;
      candidates.push(
        candidate(patient.personId, quantity, `12weeks:${series[0].day}`, level, {
          valueNsv: peak.sum,
          limitNsv: levels[0].atLeast,
          detail: { windowFrom: peak.from, windowTo: peak.to, events: peak.events },
        }),
      );
    }
  }
  return candidates;
}

/** The events carrying the amount, split where 12 weeks or more pass without one. */
function seriesOf(
  events: readonly PatientEventFacts[],
  amount: (event: PatientEventFacts) => bigint | null,
): PatientEventFacts[][] {
  const series: PatientEventFacts[][] = [];
  for (const event of events.filter((e) => amount(e) !== null)) {
    const current = series.at(-1);
    const last = current?.at(-1);
    if (current && last && daysBetween(last.day, event.day) < PATIENT_SKIN_WINDOW_DAYS)
      current.push(event);
    else series.push([event]);
  }
  return series;
}

/** The largest sum of any 12-week window of a series: sums only grow at an event, so the windows ending on event days are enough. */
function peakWindow(
  series: readonly PatientEventFacts[],
  amount: (event: PatientEventFacts) => bigint | null,
): { sum: bigint; from: string; to: string; events: number } {
  let peak = { sum: -1n, from: '', to: '', events: 0 };
  for (const end of series) {
    const from = addDays(end.day, 1 - PATIENT_SKIN_WINDOW_DAYS);
    const inWindow = series.filter((e) => e.day >= from && e.day <= end.day);
    const sum = inWindow.reduce((total, e) => total + (amount(e) ?? 0n), 0n);
    if (sum > peak.sum) peak = { sum, from, to: end.day, events: inWindow.length };
  }
  return peak;
}

function candidate(
  personId: string,
  quantity: SkinQuantity,
  period: string,
  level: AlertLevel,
  facts: { valueNsv: bigint; limitNsv: bigint; detail: Record<string, unknown> },
): AlertCandidate {
  return {
    kind: 'patientSkin',
    level,
    personId,
    badgeSerial: null,
    quantity,
    period,
    valueNsv: facts.valueNsv,
    limitNsv: facts.limitNsv,
    detail: facts.detail,
  };
}
