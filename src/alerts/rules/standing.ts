import { NO_DOSE, yearDose, type PersonDose } from './person-dose.js';

export interface Standing {
  personId: string;
  quantity: string;
  period: string;
  valueNsv: bigint;
  limitNsv: bigint;
  fraction: number;
  asOfDay: string;
}

/**
 * The person's largest fraction of any applicable limit today (dashboard ranking, DESIGN.md
 * §8): this calendar year's dose for year limits, the rolling five years, the running
 * pregnancy. Undefined for a person without limits.
 */
export function standingOf(person: PersonDose): Standing | undefined {
  let best: Standing | undefined;
  const year = person.today.slice(0, 4);
  for (const limit of person.limits) {
    const sums = person.sums.get(limit.quantity) ?? NO_DOSE;
    const valueNsv =
      limit.period === 'year'
        ? yearDose(sums, year)
        : limit.period === '5years'
          ? sums.rolling5Years
          : sums.pregnancy;
    const fraction = Number(valueNsv) / Number(limit.limitNsv);
    if (!best || fraction > best.fraction) {
      best = {
        personId: person.personId,
        quantity: limit.quantity,
        period: limit.period,
        valueNsv,
        limitNsv: limit.limitNsv,
        fraction,
        asOfDay: person.today,
      };
    }
  }
  return best;
}
