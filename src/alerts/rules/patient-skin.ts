import { addDays, monthsBefore } from '../../calendar/days.js';
import { PATIENT_SKIN_WINDOW_DAYS } from '../../limits/alert-thresholds.js';
import {
  levelReached,
  levelsFor,
  type PatientQuantity,
  type PatientScope,
} from '../../limits/patient-thresholds.js';
import { levelRank, type AlertCandidate } from './alert-candidate.js';
import type { PatientEventFacts, PatientFacts } from './patient-facts.js';
import {
  procedureAlerts,
  procedureAmount,
  proceduresOf,
  type Procedure,
} from './patient-procedures.js';
import { peakWindow, seriesOf } from './patient-windows.js';

/** The 12 weeks of DESIGN.md §5: the 84 facility days ending on a day. */
const twelveWeeksFrom = (last: string) => addDays(last, 1 - PATIENT_SKIN_WINDOW_DAYS);
/** 12 months: from the day after the same day 12 months before (as periods.ts's rolling 12 months). */
const twelveMonthsFrom = (last: string) => addDays(monthsBefore(last, 12), 1);

interface WindowRule {
  quantity: PatientQuantity;
  scope: PatientScope;
  amount: (e: PatientEventFacts) => bigint | null;
  windowStart: (last: string) => string;
}

const WINDOW_RULES: readonly WindowRule[] = [
  {
    quantity: 'referenceAirKerma',
    scope: '12weeks',
    amount: (e) => e.airKermaNgy,
    windowStart: twelveWeeksFrom,
  },
  { quantity: 'dap', scope: '12weeks', amount: (e) => e.dapUgyCm2, windowStart: twelveWeeksFrom },
  // The Joint Commission's sentinel event counts dose "to a single field". Events carry no
  // field identity, so every field of the patient is summed: an upper bound, said in the alert.
  {
    quantity: 'peakSkinDose',
    scope: '12months',
    amount: (e) => e.peakSkinDoseNgy,
    windowStart: twelveMonthsFrom,
  },
];

/**
 * `patientSkin` (DESIGN.md §5): the per-procedure rules (patient-procedures.ts), and sums over
 * windows: reference air kerma and dose-area product over 12 weeks, peak skin dose over 12
 * months (critical above 15 Gy by default). A window sum belongs to a series of procedures,
 * one alert (`12weeks:<first day>`, `12months:<first day>`) escalated as the series goes on. An
 * air-kerma sum that only reaches what one of its procedures reached alone adds nothing to
 * that procedure's alert and raises none of its own.
 */
export function patientSkinAlerts(patient: PatientFacts): AlertCandidate[] {
  const perProcedure = procedureAlerts(patient);
  const procedureRank = new Map(
    perProcedure
      .filter((c) => c.quantity === 'referenceAirKerma')
      .map((c) => [c.period, levelRank(c.level)]),
  );
  const procedures = proceduresOf(patient.events);
  const candidates = [...perProcedure];
  for (const rule of WINDOW_RULES) {
    const levels = levelsFor(patient.thresholds, rule.quantity, rule.scope);
    const amount = (p: Procedure) => procedureAmount(p, rule.amount);
    for (const series of seriesOf(procedures, amount, rule.windowStart)) {
      const peak = peakWindow(series, amount, rule.windowStart);
      const reached = levelReached(peak.sum, levels);
      if (!reached) continue;
      const alone = Math.max(0, ...series.map((p) => procedureRank.get(p.key) ?? 0));
      if (rule.quantity === 'referenceAirKerma' && levelRank(reached.level) <= alone) continue;
      candidates.push({
        kind: 'patientSkin',
        level: reached.level,
        personId: patient.personId,
        badgeSerial: null,
        quantity: rule.quantity,
        period: `${rule.scope}:${series[0].day}`,
        valueNsv: peak.sum,
        limitNsv: reached.atLeast,
        detail: {
          windowFrom: peak.from,
          windowTo: peak.to,
          procedures: peak.items.map((p) => p.key),
          ...(rule.quantity === 'peakSkinDose'
            ? { skinField: 'not reported: the peak skin doses of every field are summed' }
            : {}),
        },
      });
    }
  }
  return candidates;
}
