import type { ApplicableLimit } from '../../limits/applicable-limits.js';
import { fetalMonthlyAlerts } from './fetal-monthly.js';
import { fromQuarters, type PersonDose } from './person-dose.js';

const MSV = 1_000_000n;
const limit = (monthlyNsv: bigint | null): ApplicableLimit => ({
  quantity: 'fetal',
  period: 'pregnancy',
  limitNsv: 5n * MSV,
  pregnancy: {
    id: 'g1',
    declaredAt: new Date('2026-10-05T09:00:00Z'),
    fromConception: '2026-08-20',
    declarationMarginNsv: MSV / 2n,
    monthlyNsv,
  },
});
const person = (limits: ApplicableLimit[], months: [string, bigint][]): PersonDose => ({
  personId: 'p1',
  limits,
  alaraLevels: [],
  sums: new Map([
    [
      'fetal',
      fromQuarters({
        quarters: new Map(),
        rolling5Years: 0n,
        recent: 0n,
        pregnancy: 0n,
        pregnancyMonths: new Map(months),
      }),
    ],
  ]),
  touchedQuarters: ['2026-Q3', '2026-Q4'],
  today: '2026-11-26',
});

/**
 * `fetalMonthly`, us-nrc (10 CFR 20.1208(b); Reg. Guide 8.36, 0.5 mSv a month). A declared
 * pregnant worker (conceived 20 Aug, declared 5 Oct) with fetal dose from her trunk badge:
 * Aug 20-31 0.2 mSv, Sep 0.5 mSv, Oct 0.62 mSv, Nov 0.31 mSv.
 * Hand-computed: only October is ABOVE 0.5 mSv; September, exactly 0.5, is not.
 */
describe('fetalMonthly', () => {
  const months: [string, bigint][] = [
    ['2026-08', 200_000n],
    ['2026-09', 500_000n],
    ['2026-10', 620_000n],
    ['2026-11', 310_000n],
  ];

  it('raises a warning for each month above 0.5 mSv', () => {
    expect(fetalMonthlyAlerts(person([limit(MSV / 2n)], months))).toEqual([
      {
        kind: 'fetalMonthly',
        level: 'warning',
        personId: 'p1',
        badgeSerial: null,
        quantity: 'fetal',
        period: 'month:2026-10',
        valueNsv: 620_000n,
        limitNsv: 500_000n,
        detail: { pregnancyId: 'g1' },
      },
    ]);
  });

  it('raises nothing where the profile has no monthly guidance (eu)', () => {
    expect(fetalMonthlyAlerts(person([limit(null)], months))).toEqual([]);
  });
});
