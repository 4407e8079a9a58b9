import { DOSE_LIMIT_LEVELS } from '../../limits/alert-thresholds.js';
import { levelAtFraction, type AlertCandidate } from './alert-candidate.js';
import { NO_DOSE, yearDose, yearsOf, type PersonDose } from './person-dose.js';

/**
 * `doseLimit` (DESIGN.md §5): for each limit that applies to the person, the dose of its
 * period as a fraction of the limit, levelled 10/30/80/100 %. Periods: the calendar year of
 * every quarter that changed (`year:2026`), the rolling five years (`5years`), the running
 * pregnancy (`pregnancy:<declaration id>`).
 */
export function doseLimitAlerts(person: PersonDose): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  const years = yearsOf(person.touchedQuarters);
  for (const limit of person.limits) {
    const sums = person.sums.get(limit.quantity) ?? NO_DOSE;
    const periods: [string, bigint][] = [];
    switch (limit.period) {
      case 'year':
        for (const year of years) periods.push([`year:${year}`, yearDose(sums, year)]);
        break;
      case '5years':
        periods.push(['5years', sums.rolling5Years]);
        break;
      case 'pregnancy':
        if (limit.pregnancy) periods.push([`pregnancy:${limit.pregnancy.id}`, sums.pregnancy]);
        break;
    }
    for (const [period, valueNsv] of periods) {
      const level = levelAtFraction(valueNsv, limit.limitNsv, DOSE_LIMIT_LEVELS);
      if (!level) continue;
      candidates.push({
        kind: 'doseLimit',
        level,
        personId: person.personId,
        badgeSerial: null,
        quantity: limit.quantity,
        period,
        valueNsv,
        limitNsv: limit.limitNsv,
        detail: null,
      });
    }
  }
  return candidates;
}
