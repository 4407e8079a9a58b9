import { addDays } from '../calendar/days.js';
import { dayInZone } from '../calendar/facility-day.js';
import type { DayRange } from '../calendar/periods.js';
import type { ApplicableLimit, PregnancyTerms } from './applicable-limits.js';

/**
 * The first facility day of the fetal limit's period (DESIGN.md §4): the estimated conception
 * where the profile counts the whole pregnancy (10 CFR 20.1208(a)), else the declaration's day
 * (2013/59/Euratom Art. 10(1): "for the remainder of the pregnancy").
 */
export function pregnancyFirstDay(terms: PregnancyTerms, timeZone: string): string {
  return terms.fromConception ?? dayInZone(terms.declaredAt, timeZone);
}

/**
 * The days whose fetal dose counts as received "by the time the woman declares the pregnancy"
 * (10 CFR 20.1208(d)): from conception through the day before the declaration's day. The
 * declaration's own day counts towards the remainder: of the two ways to split that day, it
 * gives the lower limit. Undefined when no such rule or no day before the declaration.
 */
export function daysBeforeDeclaration(
  terms: PregnancyTerms,
  timeZone: string,
): DayRange | undefined {
  if (terms.declarationMarginNsv === null || terms.fromConception === null) return undefined;
  const last = addDays(dayInZone(terms.declaredAt, timeZone), -1);
  return last < terms.fromConception ? undefined : { first: terms.fromConception, last };
}

/**
 * The fetal limit in force, 10 CFR 20.1208(d): "If the dose equivalent to the embryo/fetus is
 * found to have exceeded 0.5 rem (5 mSv), or is within 0.05 rem (0.5 mSv) of this dose, by the
 * time the woman declares the pregnancy to the licensee, the licensee shall be deemed to be in
 * compliance with paragraph (a) of this section if the additional dose equivalent to the
 * embryo/fetus does not exceed 0.05 rem (0.5 mSv) during the remainder of the pregnancy."
 * As one number for the whole pregnancy: max(limit, dose by the declaration + 0.5 mSv), which
 * is the limit itself whenever that dose was below 4.5 mSv.
 */
export function fetalLimitNsv(
  limitNsv: bigint,
  doseByDeclarationNsv: bigint,
  marginNsv: bigint | null,
): bigint {
  if (marginNsv === null) return limitNsv;
  const raised = doseByDeclarationNsv + marginNsv;
  return raised > limitNsv ? raised : limitNsv;
}

/**
 * The limits with a running pregnancy's limit in force (fetalLimitNsv), given each quantity's
 * dose over daysBeforeDeclaration (0 where there are none).
 */
export function withFetalLimit(
  limits: readonly ApplicableLimit[],
  doseByDeclaration: (quantity: string) => bigint,
): ApplicableLimit[] {
  return limits.map((limit) =>
    limit.pregnancy
      ? {
          ...limit,
          limitNsv: fetalLimitNsv(
            limit.limitNsv,
            doseByDeclaration(limit.quantity),
            limit.pregnancy.declarationMarginNsv,
          ),
        }
      : limit,
  );
}
