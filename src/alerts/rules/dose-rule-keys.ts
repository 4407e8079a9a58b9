import { alertKey, type AlertKind } from './alert-candidate.js';
import { yearsOf, type PersonDose } from './person-dose.js';

/** The dose rules whose alerts follow a person's sums, so a decrease can leave them behind. */
export const DOSE_RULE_KINDS: readonly AlertKind[] = ['doseLimit', 'alaraQuarter', 'projected'];

/**
 * The alert keys the dose rules judged for this person: each is a candidate when its level is
 * reached, and an open alert with one of these keys but no candidate no longer holds. The
 * periods are those of doseLimitAlerts, alaraQuarterAlerts and projectedAlerts.
 */
export function doseRuleKeys(person: PersonDose): string[] {
  const key = (kind: AlertKind, quantity: string, period: string) =>
    alertKey({ kind, personId: person.personId, badgeSerial: null, quantity, period });
  const years = yearsOf(person.touchedQuarters);
  const keys: string[] = [];
  for (const { quantity, period, pregnancy } of person.limits) {
    switch (period) {
      case 'year':
        for (const year of years) keys.push(key('doseLimit', quantity, `year:${year}`));
        keys.push(key('projected', quantity, `year:${person.today.slice(0, 4)}`));
        break;
      case '5years':
        keys.push(key('doseLimit', quantity, '5years'));
        break;
      case 'pregnancy':
        if (pregnancy) keys.push(key('doseLimit', quantity, `pregnancy:${pregnancy.id}`));
        break;
    }
  }
  // alaraQuarter: per quantity with investigation levels (alara-quarter.ts), each quarter judged.
  for (const { quantity } of person.alaraLevels)
    for (const quarter of new Set(person.touchedQuarters))
      keys.push(key('alaraQuarter', quantity, `quarter:${quarter}`));
  return [...new Set(keys)];
}
