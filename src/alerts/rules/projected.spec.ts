import { projectedAlerts, projectYearEnd } from './projected.js';
import { fromQuarters, type PersonDose } from './person-dose.js';

const MSV = 1_000_000n;

function person(year: bigint, recent: bigint): PersonDose {
  return {
    personId: 'p1',
    limits: [{ quantity: 'effective', period: 'year', limitNsv: 20n * MSV }],
    alaraLevels: [],
    sums: new Map([
      [
        'effective',
        fromQuarters({
          quarters: new Map([['2026-Q4', year]]),
          rolling5Years: year,
          recent,
          pregnancy: 0n,
        }),
      ],
    ]),
    touchedQuarters: ['2026-Q4'],
    today: '2026-11-26',
  };
}

/**
 * On 26 Nov 2026, 35 days are left (27 Nov – 31 Dec). Year 12 mSv, last 30 days 6 mSv:
 * 12 + 6 × 35 / 30 = 19 mSv, below 20. Last 30 days 7 mSv: 12 + 7 × 35 / 30 = 20.1666666… mSv,
 * truncated to 20 166 666 nSv, reaches 20 → warning for `year:2026`.
 */
describe('projected: the 30-day rate carried to year end', () => {
  it('computes the projection in exact nSv', () => {
    expect(projectYearEnd(12n * MSV, 6n * MSV, 35)).toBe(19n * MSV);
    expect(projectYearEnd(12n * MSV, 7n * MSV, 35)).toBe(20_166_666n);
  });

  it('warns only when the projection reaches the annual limit', () => {
    expect(projectedAlerts(person(12n * MSV, 6n * MSV))).toEqual([]);
    expect(projectedAlerts(person(12n * MSV, 7n * MSV))).toEqual([
      expect.objectContaining({
        kind: 'projected',
        level: 'warning',
        quantity: 'effective',
        period: 'year:2026',
        valueNsv: 20_166_666n,
        limitNsv: 20n * MSV,
      }),
    ]);
  });
});
