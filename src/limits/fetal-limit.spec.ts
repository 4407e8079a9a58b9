import type { PregnancyTerms } from './applicable-limits.js';
import { daysBeforeDeclaration, fetalLimitNsv, pregnancyFirstDay } from './fetal-limit.js';

const MSV = 1_000_000n;
const nrc = (declaredAt: string, conception: string | null): PregnancyTerms => ({
  id: 'g1',
  declaredAt: new Date(declaredAt),
  fromConception: conception,
  declarationMarginNsv: MSV / 2n,
  monthlyNsv: MSV / 2n,
});
const eu: PregnancyTerms = {
  id: 'g2',
  declaredAt: new Date('2026-05-04T09:00:00Z'),
  fromConception: null,
  declarationMarginNsv: null,
  monthlyNsv: null,
};

/**
 * The fetal limit's period and number (DESIGN.md §4, §5).
 * - `us-nrc`, 10 CFR 20.1208(a): 5 mSv "during the entire pregnancy": counted from the
 *   estimated conception, so dose before the declaration counts.
 * - `us-nrc`, 20.1208(d): dose by the declaration ≥ 4.5 mSv (within 0.5 of 5, or over it):
 *   the limit becomes that dose + 0.5 mSv for the remainder.
 * - `eu`, 2013/59/Euratom Art. 10(1): 1 mSv from the declaration on.
 */
describe('fetal limit periods', () => {
  it('us-nrc counts from the estimated conception, eu from the declaration day', () => {
    expect(pregnancyFirstDay(nrc('2026-05-04T09:00:00Z', '2026-02-10'), 'UTC')).toBe('2026-02-10');
    expect(pregnancyFirstDay(eu, 'Europe/Vienna')).toBe('2026-05-04');
  });

  it('takes the days before the declaration day as "by the time she declares"', () => {
    // Conceived 10 Feb, declared 4 May 09:00: 10 Feb through 3 May; 4 May counts as remainder.
    expect(daysBeforeDeclaration(nrc('2026-05-04T09:00:00Z', '2026-02-10'), 'UTC')).toEqual({
      first: '2026-02-10',
      last: '2026-05-03',
    });
    expect(daysBeforeDeclaration(eu, 'UTC')).toBeUndefined();
    // Declared on the day of conception: no day before.
    expect(daysBeforeDeclaration(nrc('2026-02-10T09:00:00Z', '2026-02-10'), 'UTC')).toBeUndefined();
  });
});

describe('fetal limit in force, 10 CFR 20.1208(d)', () => {
  it('is 5 mSv when 1.2 mSv was received by the declaration (below 4.5)', () => {
    // NRC before the declaration: 1.2 mSv since conception counts towards 5 mSv; 3.8 left.
    expect(fetalLimitNsv(5n * MSV, 1_200_000n, MSV / 2n)).toBe(5n * MSV);
  });

  it('is 5 mSv at exactly 4.5 mSv by the declaration (4.5 + 0.5 = 5)', () => {
    expect(fetalLimitNsv(5n * MSV, 4_500_000n, MSV / 2n)).toBe(5n * MSV);
  });

  it('is 5.3 mSv when 4.8 mSv was received by the declaration (within 0.5 of 5)', () => {
    // 4.8 + 0.5 = 5.3 mSv: 0.5 mSv more for the remainder.
    expect(fetalLimitNsv(5n * MSV, 4_800_000n, MSV / 2n)).toBe(5_300_000n);
  });

  it('is 6.7 mSv when 6.2 mSv (over the limit) was received by the declaration', () => {
    expect(fetalLimitNsv(5n * MSV, 6_200_000n, MSV / 2n)).toBe(6_700_000n);
  });

  it('leaves the eu limit (no such rule) at 1 mSv whatever came before', () => {
    expect(fetalLimitNsv(MSV, 4_800_000n, null)).toBe(MSV);
  });
});
