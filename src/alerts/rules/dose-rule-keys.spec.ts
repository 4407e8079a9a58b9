import type { ApplicableLimit } from '../../limits/applicable-limits.js';
import { alaraQuarterAlerts } from './alara-quarter.js';
import { alertKey } from './alert-candidate.js';
import { doseLimitAlerts } from './dose-limit.js';
import { doseRuleKeys } from './dose-rule-keys.js';
import { fromQuarters, type PersonDose } from './person-dose.js';
import { projectedAlerts } from './projected.js';

const MSV = 1_000_000n;

/**
 * EU adult with a running pregnancy: effective 20 mSv a year and 100 mSv in 5 years, fetal
 * 1 mSv over the pregnancy. Dose changed in 2025-Q2 (a back-dated correction) and today's
 * quarter 2026-Q4. Judged: the years 2025 and 2026, the two quarters, this year's projection,
 * the five years and the pregnancy — 7 keys. With every sum far over its limit each rule
 * raises exactly those keys, so a key without a candidate is one whose level is not reached.
 */
describe('doseRuleKeys: what the dose rules judged', () => {
  const limits: ApplicableLimit[] = [
    { quantity: 'effective', period: 'year', limitNsv: 20n * MSV },
    { quantity: 'effective', period: '5years', limitNsv: 100n * MSV },
    {
      quantity: 'fetal',
      period: 'pregnancy',
      limitNsv: 1n * MSV,
      pregnancy: {
        id: 'g1',
        declaredAt: new Date('2026-06-01T00:00:00Z'),
        fromConception: null,
        declarationMarginNsv: null,
        monthlyNsv: null,
      },
    },
  ];
  const over = fromQuarters({
    quarters: new Map([
      ['2025-Q2', 500n * MSV],
      ['2026-Q4', 500n * MSV],
    ]),
    rolling5Years: 1000n * MSV,
    recent: 500n * MSV,
    pregnancy: 500n * MSV,
  });
  const person: PersonDose = {
    personId: 'p1',
    limits,
    alaraLevels: [{ quantity: 'effective', levelINsv: MSV, levelIINsv: 3n * MSV }],
    sums: new Map([
      ['effective', over],
      ['fetal', over],
    ]),
    touchedQuarters: ['2025-Q2', '2026-Q4'],
    today: '2026-11-26',
  };

  it('names every key the rules can raise for the periods they looked at', () => {
    const raised = [
      ...doseLimitAlerts(person),
      ...alaraQuarterAlerts(person),
      ...projectedAlerts(person),
    ].map(alertKey);
    expect(doseRuleKeys(person).sort()).toEqual([...new Set(raised)].sort());
    expect(doseRuleKeys(person)).toHaveLength(7);
  });
});
