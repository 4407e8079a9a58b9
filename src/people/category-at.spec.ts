import { birthday, categoryAt } from './category-at.js';

/**
 * Born 15 June 2008: 16 on 15 June 2024, 18 on 15 June 2026. The day before the 18th birthday
 * (14 June 2026) is still a minor's or apprentice's; the birthday itself is an adult's.
 */
describe('categoryAt: the 18th birthday', () => {
  const born = '2008-06-15';

  it.each([
    ['minor', '2026-06-14', 'minor'],
    ['minor', '2026-06-15', 'adult'],
    ['minor', '2031-01-01', 'adult'],
    ['apprentice', '2026-06-14', 'apprentice'],
    ['apprentice', '2026-06-15', 'adult'],
  ])('a %s on %s is %s', (category, day, expected) => {
    expect(categoryAt(category, born, day)).toBe(expected);
  });
});

/**
 * The same apprentice before 16 (2013/59/Euratom Art. 11(4)): a student, held to the public
 * limits, until 15 June 2024; an apprentice from that day.
 */
describe('categoryAt: an apprentice under 16', () => {
  it.each([
    ['2024-06-14', 'student'],
    ['2024-06-15', 'apprentice'],
  ])('on %s is a %s', (day, expected) => {
    expect(categoryAt('apprentice', '2008-06-15', day)).toBe(expected);
  });
});

/** Categories that do not follow age, and anyone whose date of birth is not known. */
describe('categoryAt: no change', () => {
  it.each([
    ['adult', '2010-01-01', '2020-01-01'], // an adult at 10 stays one: never made younger
    ['student', '2000-01-01', '2026-01-01'], // Art. 11(4) is not only the under-16s
    ['minor', null, '2099-01-01'],
    ['apprentice', null, '2099-01-01'],
  ])('a %s born %p, on %s', (category, born, day) => {
    expect(categoryAt(category, born, day)).toBe(category);
  });
});

/**
 * Born 29 February 2008. 2026 is a common year: the 18th birthday is taken as 1 March 2026,
 * so 28 February 2026 is still a minor's day. 2032 is a leap year: the 24th falls on
 * 29 February 2032 itself. 2100 is not a leap year (a century not divisible by 400): 1 March.
 */
describe('birthday: born on 29 February', () => {
  it('turns 18 on 1 March of a common year', () => {
    expect(birthday('2008-02-29', 18)).toBe('2026-03-01');
    expect(categoryAt('minor', '2008-02-29', '2026-02-28')).toBe('minor');
    expect(categoryAt('minor', '2008-02-29', '2026-03-01')).toBe('adult');
  });

  it('keeps 29 February in a leap year, and knows 2100 is not one', () => {
    expect(birthday('2008-02-29', 24)).toBe('2032-02-29');
    expect(birthday('2008-02-29', 92)).toBe('2100-03-01');
    expect(birthday('2000-02-29', 400)).toBe('2400-02-29');
  });

  it('is the same day of the month otherwise, 31 December included', () => {
    expect(birthday('2007-12-31', 18)).toBe('2025-12-31');
    expect(birthday('2008-03-01', 18)).toBe('2026-03-01');
  });
});
