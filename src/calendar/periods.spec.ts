import { dayInZone } from './facility-day.js';
import { monthEnd } from './days.js';
import { daysLeftInYear, limitPeriodDays, periodStarts } from './periods.js';
import { projectionWindow } from './projection.js';

describe('record periods', () => {
  it('starts the quarter, year and rolling windows on the right days', () => {
    expect(periodStarts('2026-11-26')).toEqual({
      quarter: '2026-10-01',
      year: '2026-01-01',
      rolling12Months: '2025-11-27',
      rolling5Years: '2021-11-27',
    });
  });

  it('handles quarter and year boundaries', () => {
    expect(periodStarts('2026-01-01')).toMatchObject({ quarter: '2026-01-01', year: '2026-01-01' });
    expect(periodStarts('2026-03-31')).toMatchObject({ quarter: '2026-01-01' });
    expect(periodStarts('2026-04-01')).toMatchObject({ quarter: '2026-04-01' });
    expect(periodStarts('2026-12-31')).toMatchObject({
      quarter: '2026-10-01',
      rolling12Months: '2026-01-01',
    });
  });

  it('clamps 29 February one year back to 28 February', () => {
    expect(periodStarts('2028-02-29').rolling12Months).toBe('2027-03-01');
  });

  it('counts the days left in the year', () => {
    expect(daysLeftInYear('2026-12-31')).toBe(0);
    expect(daysLeftInYear('2026-01-01')).toBe(364);
    expect(daysLeftInYear('2028-01-01')).toBe(365);
  });

  it('puts an instant on the facility day, across a daylight-saving change', () => {
    // Europe/Paris leaves summer time on 2026-10-25 at 03:00 local (01:00 UTC).
    expect(dayInZone(new Date('2026-10-24T21:59:59Z'), 'Europe/Paris')).toBe('2026-10-24');
    expect(dayInZone(new Date('2026-10-24T22:00:00Z'), 'Europe/Paris')).toBe('2026-10-25');
    expect(dayInZone(new Date('2026-10-25T22:59:59Z'), 'Europe/Paris')).toBe('2026-10-25');
    expect(dayInZone(new Date('2026-10-25T23:00:00Z'), 'Europe/Paris')).toBe('2026-10-26');
    // The quarter ends at local midnight, not UTC midnight.
    expect(dayInZone(new Date('2026-09-30T22:30:00Z'), 'Europe/Paris')).toBe('2026-10-01');
    expect(dayInZone(new Date('2026-12-31T23:30:00Z'), 'America/New_York')).toBe('2026-12-31');
  });
});

describe('limit periods', () => {
  it('covers the calendar year, the rolling five years and a pregnancy through the day asked', () => {
    expect(limitPeriodDays('year', '2026-11-26')).toEqual({
      first: '2026-01-01',
      last: '2026-11-26',
    });
    expect(limitPeriodDays('5years', '2026-11-26')).toEqual({
      first: '2021-11-27',
      last: '2026-11-26',
    });
    expect(limitPeriodDays('pregnancy', '2026-11-26', '2026-06-15')).toEqual({
      first: '2026-06-15',
      last: '2026-11-26',
    });
  });

  it('ends a month on its last day, 29 February in a leap year', () => {
    expect(monthEnd('2028-02-10')).toBe('2028-02-29');
    expect(monthEnd('2026-02-01')).toBe('2026-02-28');
    expect(monthEnd('2026-12-31')).toBe('2026-12-31');
  });

  it('projects from the 30 days that end today', () => {
    expect(projectionWindow('2026-03-01')).toEqual({ first: '2026-01-31', last: '2026-03-01' });
  });
});
