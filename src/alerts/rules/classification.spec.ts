import type { PersonCategories } from '../../limits/applicable-limits.js';
import { classificationAlerts } from './classification.js';
import { fromQuarters, type PersonDose, type QuantitySums } from './person-dose.js';

const MSV = 1_000_000n;
const B_ADULT: PersonCategories = { category: 'adult', euCategory: 'B' };

/** Dose per quarter of 2026 (and 2025 where given), as the ledger sums it. */
function sums(quarters: Record<string, bigint>): QuantitySums {
  return fromQuarters({
    quarters: new Map(Object.entries(quarters)),
    rolling5Years: 0n,
    recent: 0n,
    pregnancy: 0n,
  });
}

function person(doses: Record<string, QuantitySums>, touchedQuarters = ['2026-Q4']): PersonDose {
  return {
    personId: 'p1',
    // The rule does not read the limits: its levels are Art. 40(1)(a)'s, whatever the limits.
    limits: [{ quantity: 'effective', period: 'year', limitNsv: 20n * MSV }],
    categories: B_ADULT,
    alaraLevels: [],
    sums: new Map(Object.entries(doses)),
    touchedQuarters,
    today: '2026-11-26',
  };
}

const brief = (person: PersonDose) =>
  classificationAlerts(person).map(
    (c) => `${c.quantity} ${c.period} ${c.level} ${c.valueNsv} of ${c.limitNsv}`,
  );

/**
 * An `eu` category B adult: 2026 effective Q1 2.5 mSv + Q4 3.5 mSv = 6 mSv, the category A
 * level of 2013/59/Euratom Art. 40(1)(a), reached: a warning. One nSv less (5.999999 mSv): none.
 */
describe('classification: a category B worker reaching 6 mSv effective', () => {
  it('raises a warning at 6 mSv in the calendar year', () => {
    const effective = sums({ '2026-Q1': 2_500_000n, '2026-Q4': 3_500_000n });
    expect(classificationAlerts(person({ effective }))).toEqual([
      {
        kind: 'classification',
        level: 'warning',
        personId: 'p1',
        badgeSerial: null,
        quantity: 'effective',
        period: 'year:2026',
        valueNsv: 6n * MSV,
        limitNsv: 6n * MSV,
        detail: { euCategory: 'B', consider: 'A', basis: '2013/59/Euratom Art. 40(1)(a)' },
      },
    ]);
  });

  it('raises nothing one nSv below', () => {
    const effective = sums({ '2026-Q1': 2_500_000n, '2026-Q4': 3_499_999n });
    expect(brief(person({ effective }))).toEqual([]);
  });
});

/**
 * Equivalent doses, Art. 40(1)(a): lens 15 mSv (not 3/10 of the 20 mSv limit, 6 mSv: a lens
 * dose of 14.999999 mSv raises nothing), skin and extremities 150 mSv each, separately.
 */
describe('classification: equivalent doses', () => {
  it('raises per quantity that reaches its level', () => {
    const doses = {
      eyeLens: sums({ '2026-Q4': 14_999_999n }),
      skin: sums({ '2026-Q3': 100n * MSV, '2026-Q4': 50n * MSV }),
      extremity: sums({ '2026-Q4': 151n * MSV }),
      effective: sums({ '2026-Q4': 5n * MSV }),
    };
    expect(brief(person(doses))).toEqual([
      'skin year:2026 warning 150000000 of 150000000',
      'extremity year:2026 warning 151000000 of 150000000',
    ]);
    const lens = { eyeLens: sums({ '2026-Q4': 15n * MSV }) };
    expect(brief(person(lens))).toEqual(['eyeLens year:2026 warning 15000000 of 15000000']);
  });
});

/** Each year a changed quarter lies in (a late reading of 2025, today's of 2026), apart. */
describe('classification: years', () => {
  it('levels every touched year on its own dose', () => {
    const effective = sums({ '2025-Q4': 7n * MSV, '2026-Q1': 1n * MSV, '2026-Q4': 5n * MSV });
    expect(brief(person({ effective }, ['2025-Q4', '2026-Q4']))).toEqual([
      'effective year:2025 warning 7000000 of 6000000',
      'effective year:2026 warning 6000000 of 6000000',
    ]);
  });
});

/**
 * Whom the rule watches: category B adults only. A category A worker is classified already,
 * an unclassified one has nothing to reconsider, and an apprentice of 16 to 18 works under
 * category B conditions by law (Art. 33(2)), 6 mSv being their limit: 8 mSv raises nothing.
 */
describe('classification: not watched', () => {
  const effective = sums({ '2026-Q4': 8n * MSV });
  it.each<[string, PersonCategories | undefined]>([
    ['category A', { category: 'adult', euCategory: 'A' }],
    ['unclassified', { category: 'adult', euCategory: null }],
    ['an apprentice in category B', { category: 'apprentice', euCategory: 'B' }],
    ['categories unknown', undefined],
  ])('%s', (_case, categories) => {
    expect(brief({ ...person({ effective }), categories })).toEqual([]);
  });
});
