import { FETAL_MONTHLY_LEVEL } from '../../limits/alert-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';
import { NO_DOSE, type PersonDose } from './person-dose.js';

/**
 * `fetalMonthly` (DESIGN.md §4, §5): under a profile with a monthly fetal guidance (`us-nrc`:
 * 0.5 mSv, dose_profile.fetal_monthly_nsv), a calendar month of a running pregnancy whose
 * fetal dose is ABOVE it. 10 CFR 20.1208(b): "The licensee shall make efforts to avoid
 * substantial variation above a uniform monthly exposure rate to a declared pregnant woman";
 * Reg. Guide 8.36 turns that into about 0.5 mSv a month (5 mSv over nine months). One alert
 * per month (`month:2026-11`), its value that month's fetal dose within the pregnancy.
 */
export function fetalMonthlyAlerts(person: PersonDose): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  for (const limit of person.limits) {
    const monthlyNsv = limit.pregnancy?.monthlyNsv;
    if (monthlyNsv === null || monthlyNsv === undefined) continue;
    const sums = person.sums.get(limit.quantity) ?? NO_DOSE;
    for (const [month, valueNsv] of sums.pregnancyMonths) {
      if (valueNsv <= monthlyNsv) continue;
      candidates.push({
        kind: 'fetalMonthly',
        level: FETAL_MONTHLY_LEVEL,
        personId: person.personId,
        badgeSerial: null,
        quantity: limit.quantity,
        period: `month:${month}`,
        valueNsv,
        limitNsv: monthlyNsv,
        detail: { pregnancyId: limit.pregnancy?.id ?? null },
      });
    }
  }
  return candidates;
}
