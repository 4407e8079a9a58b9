import { formatDay, parseDay } from '../calendar/days.js';

/** 10 CFR 20.1207 (minors) and 2013/59/Euratom Art. 11(1) and (2): adult limits from 18. */
const ADULT_AGE = 18;
/** 2013/59/Euratom Art. 11(2) and (4): apprentices' limits from 16, the public's before. */
const APPRENTICE_AGE = 16;

/**
 * The worker category whose limits apply on a facility `day` (YYYY-MM-DD) to a person stored
 * with `category` and born on `dateOfBirth` (DESIGN.md §5, "a minor's or apprentice's limits
 * end on the 18th birthday"). From the 18th birthday on, a `minor` (10 CFR 20.1207: a minor is
 * under 18) or an `apprentice` (2013/59/Euratom Art. 11(1): from 18 the occupational limits of
 * Art. 9) is an `adult`. Before the 16th birthday an `apprentice` is a `student`: Art. 11(2)
 * and (3) cover ages 16 to 18, and Art. 11(4) holds the younger to the public limits. Other
 * categories, and anyone without a date of birth, keep their category.
 */
export function categoryAt(category: string, dateOfBirth: string | null, day: string): string {
  if (dateOfBirth === null) return category;
  switch (category) {
    case 'minor':
      return day >= birthday(dateOfBirth, ADULT_AGE) ? 'adult' : category;
    case 'apprentice':
      if (day >= birthday(dateOfBirth, ADULT_AGE)) return 'adult';
      return day < birthday(dateOfBirth, APPRENTICE_AGE) ? 'student' : category;
    default:
      return category;
  }
}

/**
 * The day a person born on `dateOfBirth` turns `years` old. Born on 29 February, in a common
 * year: 1 March, the day after 28 February has passed. It is the later of the two readings,
 * so a minor's lower limits hold one day longer, never one day less; it is also the rule of,
 * for example, the Code of Maryland, General Provisions § 1-303(b) ("An individual born on
 * February 29 attains a specified age on March 1 of any year that is not a leap year"). Some
 * jurisdictions take 28 February instead.
 */
export function birthday(dateOfBirth: string, years: number): string {
  const { year, month, day } = parseDay(dateOfBirth);
  const then = year + years;
  if (month === 2 && day === 29 && !isLeapYear(then)) return formatDay(then, 3, 1);
  return formatDay(then, month, day);
}

/** Gregorian calendar: every fourth year, except centuries not divisible by 400. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
