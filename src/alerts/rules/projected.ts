import { nanosievertsToMillisieverts } from '../../common/dose-units.js';
import { daysLeftInYear } from '../../calendar/periods.js';
import { PROJECTION_WINDOW_DAYS, projectYearEnd } from '../../calendar/projection.js';
import { PROJECTED_LEVEL } from '../../limits/alert-thresholds.js';

export { projectYearEnd };
import type { AlertCandidate } from './alert-candidate.js';
import { NO_DOSE, yearDose, type PersonDose } from './person-dose.js';

/**
 * `projected` (DESIGN.md §5): the projected year-end dose reaches an annual limit. Evaluated
 * for the current year only (`year:2026`), as of today.
 */
export function projectedAlerts(person: PersonDose): AlertCandidate[] {
  const year = person.today.slice(0, 4);
  const daysLeft = daysLeftInYear(person.today);
  const candidates: AlertCandidate[] = [];
  for (const limit of person.limits) {
    if (limit.period !== 'year') continue;
    const sums = person.sums.get(limit.quantity) ?? NO_DOSE;
    const valueNsv = projectYearEnd(yearDose(sums, year), sums.recent, daysLeft);
    if (valueNsv < limit.limitNsv) continue;
    candidates.push({
      kind: 'projected',
      level: PROJECTED_LEVEL,
      personId: person.personId,
      badgeSerial: null,
      quantity: limit.quantity,
      period: `year:${year}`,
      valueNsv,
      limitNsv: limit.limitNsv,
      detail: {
        recentMSv: nanosievertsToMillisieverts(sums.recent),
        windowDays: PROJECTION_WINDOW_DAYS,
        daysLeft,
      },
    });
  }
  return candidates;
}
