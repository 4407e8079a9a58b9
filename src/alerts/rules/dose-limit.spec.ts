import type { ApplicableLimit } from '../../limits/applicable-limits.js';
import { doseLimitAlerts } from './dose-limit.js';
import { fromQuarters, type PersonDose, type QuantitySums } from './person-dose.js';

const MSV = 1_000_000n;
const eu: ApplicableLimit[] = [
  { quantity: 'effective', period: 'year', limitNsv: 20n * MSV },
  { quantity: 'effective', period: '5years', limitNsv: 100n * MSV },
];

function person(sums: Record<string, QuantitySums>, limits = eu): PersonDose {
  return {
    personId: 'p1',
    limits,
    alaraLevels: [],
    sums: new Map(Object.entries(sums)),
    touchedQuarters: ['2026-Q4'],
    today: '2026-11-26',
  };
}

function effective(q1: bigint, q4: bigint, rolling5Years: bigint): QuantitySums {
  return fromQuarters({
    quarters: new Map([
      ['2026-Q1', q1],
      ['2026-Q4', q4],
    ]),
    rolling5Years,
    recent: 0n,
    pregnancy: 0n,
  });
}

/**
 * EU adult (20 mSv/yr, 100 mSv/5 yr). 2026: Q1 1.5 mSv + Q4 4.5 mSv = 6 mSv = 30 % of the
 * year limit → warning (ALARA level II); 2022–2026: 25 mSv = 25 % of 100 → notice (≥ 10 %).
 */
describe('doseLimit: fractions of each limit', () => {
  it('levels the year and the rolling five years separately', () => {
    const alerts = doseLimitAlerts(
      person({ effective: effective(1_500_000n, 4_500_000n, 25n * MSV) }),
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'doseLimit',
        level: 'warning',
        quantity: 'effective',
        period: 'year:2026',
        valueNsv: 6n * MSV,
        limitNsv: 20n * MSV,
      }),
      expect.objectContaining({ level: 'notice', period: '5years', valueNsv: 25n * MSV }),
    ]);
  });

  it.each([
    [1_999_999n, undefined], // 9.999995 %
    [2_000_000n, 'notice'], // 10 %
    [5_999_999n, 'notice'],
    [6_000_000n, 'warning'], // 30 %
    [16_000_000n, 'high'], // 80 %
    [19_999_999n, 'high'],
    [20_000_000n, 'critical'], // 100 %: limit reached
    [31_000_000n, 'critical'],
  ])('a year dose of %p nSv against 20 mSv is %p', (dose, level) => {
    const alerts = doseLimitAlerts(person({ effective: effective(0n, dose, 0n) }, [eu[0]]));
    expect(alerts.map((a) => a.level)).toEqual(level ? [level] : []);
  });

  it('keys a pregnancy limit by its declaration', () => {
    // EU fetal 1 mSv from the declaration: 0.1 mSv since then is 10 % → notice.
    const fetal: ApplicableLimit = {
      quantity: 'fetal',
      period: 'pregnancy',
      limitNsv: MSV,
      pregnancy: {
        id: 'g1',
        declaredAt: new Date('2026-09-01T00:00:00Z'),
        fromConception: null,
        declarationMarginNsv: null,
        monthlyNsv: null,
      },
    };
    const sums = { ...effective(0n, 0n, 0n), pregnancy: 100_000n };
    expect(doseLimitAlerts(person({ fetal: sums }, [fetal]))).toEqual([
      expect.objectContaining({ level: 'notice', period: 'pregnancy:g1', valueNsv: 100_000n }),
    ]);
  });

  it('evaluates every year a late reading touched', () => {
    // A backlog reading of 31 Dec 2025 and today's: both years are levelled.
    const sums: QuantitySums = fromQuarters({
      quarters: new Map([
        ['2025-Q4', 7n * MSV],
        ['2026-Q4', 2n * MSV],
      ]),
      rolling5Years: 9n * MSV,
      recent: 0n,
      pregnancy: 0n,
    });
    const alerts = doseLimitAlerts({
      ...person({ effective: sums }, [eu[0]]),
      touchedQuarters: ['2025-Q4', '2026-Q4'],
    });
    expect(alerts.map((a) => [a.period, a.level])).toEqual([
      ['year:2025', 'warning'], // 7 of 20 = 35 %
      ['year:2026', 'notice'], // 2 of 20 = 10 %
    ]);
  });
});
