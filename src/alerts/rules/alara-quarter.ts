import { ALARA_QUARTER_LEVELS } from '../../limits/alert-thresholds.js';
import { levelAtFraction, type AlertCandidate } from './alert-candidate.js';
import { NO_DOSE, type PersonDose } from './person-dose.js';

/**
 * `alaraQuarter` (DESIGN.md §5, quarterly ALARA investigation levels): the dose within one
 * calendar quarter against the ANNUAL limit of its quantity, 10 % notice, 30 % warning. Each
 * quarter that changed is evaluated (`quarter:2026-Q4`); `limitNsv` is the annual limit.
 */
export function alaraQuarterAlerts(person: PersonDose): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  for (const limit of person.limits) {
    if (limit.period !== 'year') continue;
    const sums = person.sums.get(limit.quantity) ?? NO_DOSE;
    for (const quarter of new Set(person.touchedQuarters)) {
      const valueNsv = sums.quarters.get(quarter) ?? 0n;
      const level = levelAtFraction(valueNsv, limit.limitNsv, ALARA_QUARTER_LEVELS);
      if (!level) continue;
      candidates.push({
        kind: 'alaraQuarter',
        level,
        personId: person.personId,
        badgeSerial: null,
        quantity: limit.quantity,
        period: `quarter:${quarter}`,
        valueNsv,
        limitNsv: limit.limitNsv,
        detail: null,
      });
    }
  }
  return candidates;
}
