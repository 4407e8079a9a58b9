import { ALARA_ALERT_LEVELS } from '../../limits/alert-thresholds.js';
import { investigationLevelReached } from '../../limits/investigation-levels.js';
import type { AlertCandidate } from './alert-candidate.js';
import { NO_DOSE, type PersonDose } from './person-dose.js';

/**
 * `alaraQuarter` (DESIGN.md §5, quarterly ALARA investigation levels): the dose of a quantity
 * within one calendar quarter against the investigation levels of the person's profile,
 * Level I a notice, Level II a warning. Each quarter that changed is evaluated
 * (`quarter:2026-Q4`); `limitNsv` is the level reached (so the alert's `fraction` is the dose
 * over that level), and `detail.investigationLevel` names it.
 */
export function alaraQuarterAlerts(person: PersonDose): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  for (const levels of person.alaraLevels) {
    const sums = person.sums.get(levels.quantity) ?? NO_DOSE;
    for (const quarter of new Set(person.touchedQuarters)) {
      const valueNsv = sums.quarters.get(quarter) ?? 0n;
      const reached = investigationLevelReached(valueNsv, levels);
      if (!reached) continue;
      candidates.push({
        kind: 'alaraQuarter',
        level: ALARA_ALERT_LEVELS[reached.level],
        personId: person.personId,
        badgeSerial: null,
        quantity: levels.quantity,
        period: `quarter:${quarter}`,
        valueNsv,
        limitNsv: reached.levelNsv,
        detail: { investigationLevel: reached.level },
      });
    }
  }
  return candidates;
}
