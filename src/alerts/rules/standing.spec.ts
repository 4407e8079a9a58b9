import { fromQuarters } from './person-dose.js';
import type { ApplicableLimit } from '../../limits/applicable-limits.js';
import { standingOf } from './standing.js';

const MSV = 1_000_000n;

/**
 * An EU adult on 2026-11-26 with 4 mSv effective this year (quarters Q1 1 + Q4 3), 30 mSv over
 * five years, and 90 mSv of skin this year. Hand-computed fractions: effective year 4/20 = 0.2,
 * effective five years 30/100 = 0.3, skin 90/500 = 0.18: the standing is effective/5years at 0.3.
 */
describe('person standing', () => {
  const limits: ApplicableLimit[] = [
    { quantity: 'effective', period: 'year', limitNsv: 20n * MSV },
    { quantity: 'effective', period: '5years', limitNsv: 100n * MSV },
    { quantity: 'skin', period: 'year', limitNsv: 500n * MSV },
  ];
  const sums = new Map([
    [
      'effective',
      fromQuarters({
        quarters: new Map([
          ['2025-Q4', 9n * MSV],
          ['2026-Q1', 1n * MSV],
          ['2026-Q4', 3n * MSV],
        ]),
        rolling5Years: 30n * MSV,
        recent: 0n,
        pregnancy: 0n,
      }),
    ],
    [
      'skin',
      fromQuarters({
        quarters: new Map([['2026-Q2', 90n * MSV]]),
        rolling5Years: 90n * MSV,
        recent: 0n,
        pregnancy: 0n,
      }),
    ],
  ]);

  it('is the largest fraction of any limit, with this year only for year limits', () => {
    expect(
      standingOf({
        personId: 'p',
        limits,
        alaraLevels: [],
        sums,
        touchedQuarters: ['2026-Q4'],
        today: '2026-11-26',
      }),
    ).toEqual({
      personId: 'p',
      quantity: 'effective',
      period: '5years',
      valueNsv: 30n * MSV,
      limitNsv: 100n * MSV,
      fraction: 0.3,
      asOfDay: '2026-11-26',
    });
  });

  it('is undefined without limits', () => {
    expect(
      standingOf({
        personId: 'p',
        limits: [],
        alaraLevels: [],
        sums,
        touchedQuarters: [],
        today: '2026-11-26',
      }),
    ).toBeUndefined();
  });
});
