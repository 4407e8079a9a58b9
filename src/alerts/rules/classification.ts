import { CLASSIFICATION_DOSES, CLASSIFICATION_LEVEL } from '../../limits/alert-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';
import { NO_DOSE, yearDose, yearsOf, type PersonDose } from './person-dose.js';

/**
 * Whether the classification rule watches the person: an `eu` worker of category B (2013/59/
 * Euratom Art. 40(1)(b)) who is an adult today. Apprentices and students of 16 to 18 work under
 * category B conditions whatever their dose (Art. 33(2)), and their own limits come first.
 */
export function watchesClassification(person: PersonDose): boolean {
  return person.categories?.euCategory === 'B' && person.categories.category === 'adult';
}

/**
 * `classification` (DESIGN.md §5): a watched worker whose calendar-year dose of a quantity
 * reaches the category A level of Art. 40(1)(a) (CLASSIFICATION_DOSES): the RSO should consider
 * classifying them A. One alert per quantity and year (`year:2026`), for every year a changed
 * quarter lies in; `limitNsv` is that level.
 */
export function classificationAlerts(person: PersonDose): AlertCandidate[] {
  if (!watchesClassification(person)) return [];
  const candidates: AlertCandidate[] = [];
  for (const year of yearsOf(person.touchedQuarters)) {
    for (const [quantity, levelNsv] of CLASSIFICATION_DOSES) {
      const valueNsv = yearDose(person.sums.get(quantity) ?? NO_DOSE, year);
      if (valueNsv < levelNsv) continue;
      candidates.push({
        kind: 'classification',
        level: CLASSIFICATION_LEVEL,
        personId: person.personId,
        badgeSerial: null,
        quantity,
        period: `year:${year}`,
        valueNsv,
        limitNsv: levelNsv,
        detail: { euCategory: 'B', consider: 'A', basis: '2013/59/Euratom Art. 40(1)(a)' },
      });
    }
  }
  return candidates;
}
