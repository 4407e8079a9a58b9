import { alaraQuarterAlerts } from './alara-quarter.js';
import { fromQuarters, type PersonDose } from './person-dose.js';

const MSV = 1_000_000n;

function person(q3: bigint, q4: bigint): PersonDose {
  return {
    personId: 'p1',
    limits: [
      { quantity: 'effective', period: 'year', limitNsv: 20n * MSV },
      // Not annual: no quarterly investigation level.
      { quantity: 'effective', period: '5years', limitNsv: 100n * MSV },
    ],
    sums: new Map([
      [
        'effective',
        fromQuarters({
          quarters: new Map([
            ['2026-Q3', q3],
            ['2026-Q4', q4],
          ]),
          rolling5Years: 0n,
          recent: 0n,
          pregnancy: 0n,
        }),
      ],
    ]),
    touchedQuarters: ['2026-Q3', '2026-Q4'],
    today: '2026-11-26',
  };
}

/**
 * Quarterly ALARA investigation levels against the ANNUAL limit (20 mSv): 10 % = 2 mSv in one
 * quarter is a notice, 30 % = 6 mSv a warning. Q3 1.999999 mSv stays below; Q4 2 mSv is a
 * notice although the year (3.999999 mSv, 20 %) is nowhere near a doseLimit warning.
 */
describe('alaraQuarter: a quarter against the annual limit', () => {
  it('raises per quarter', () => {
    expect(alaraQuarterAlerts(person(1_999_999n, 2n * MSV))).toEqual([
      expect.objectContaining({
        kind: 'alaraQuarter',
        level: 'notice',
        quantity: 'effective',
        period: 'quarter:2026-Q4',
        valueNsv: 2n * MSV,
        limitNsv: 20n * MSV,
      }),
    ]);
  });

  it('is a warning from 30 % and never more', () => {
    expect(alaraQuarterAlerts(person(6n * MSV, 25n * MSV)).map((a) => a.level)).toEqual([
      'warning',
      'warning',
    ]);
  });
});
