import { seededRandom } from '../../test/support/random.js';
import type { ApplicableLimit, PersonCategories } from '../limits/applicable-limits.js';
import type { InvestigationLevels } from '../limits/investigation-levels.js';
import { DoseHeadroom, HEADROOM_LIFETIME_MS, headroomOf } from './dose-headroom.js';
import { alaraQuarterAlerts } from './rules/alara-quarter.js';
import { classificationAlerts } from './rules/classification.js';
import { doseLimitAlerts } from './rules/dose-limit.js';
import { fetalMonthlyAlerts } from './rules/fetal-monthly.js';
import { fromQuarters, type PersonDose, type QuantitySums } from './rules/person-dose.js';
import { projectedAlerts } from './rules/projected.js';

const MSV = 1_000_000n;
const TODAY = '2026-11-26';
const QUARTER = '2026-Q4';

/** The levels the dose rules give: what a skipped evaluation must not miss. */
function levels(person: PersonDose): string[] {
  return [
    ...doseLimitAlerts(person),
    ...alaraQuarterAlerts(person),
    ...projectedAlerts(person),
    ...fetalMonthlyAlerts(person),
    ...classificationAlerts(person),
  ]
    .map((c) => `${c.kind} ${c.quantity} ${c.period} ${c.level}`)
    .sort();
}

/** The person with `nsv` more of `quantity` today: in its quarter and every running sum. */
function withMore(person: PersonDose, quantity: string, nsv: bigint): PersonDose {
  const sums = new Map(person.sums);
  const known = sums.get(quantity);
  const quarters = new Map(known?.quarters);
  quarters.set(QUARTER, (quarters.get(QUARTER) ?? 0n) + nsv);
  const months = new Map(known?.pregnancyMonths);
  const month = person.today.slice(0, 7);
  if (months.has(month)) months.set(month, (months.get(month) ?? 0n) + nsv);
  sums.set(
    quantity,
    fromQuarters({
      quarters,
      rolling5Years: (known?.rolling5Years ?? 0n) + nsv,
      recent: (known?.recent ?? 0n) + nsv,
      pregnancy: (known?.pregnancy ?? 0n) + nsv,
      pregnancyMonths: months,
    }),
  );
  return { ...person, sums };
}

function randomPerson(random: () => number): PersonDose {
  const nsv = (max: bigint) => BigInt(Math.floor(random() * Number(max)));
  const limits: ApplicableLimit[] = [
    { quantity: 'effective', period: 'year', limitNsv: 20n * MSV },
    { quantity: 'effective', period: '5years', limitNsv: 100n * MSV },
    { quantity: 'skin', period: 'year', limitNsv: 500n * MSV },
    { quantity: 'eyeLens', period: 'year', limitNsv: 20n * MSV },
    {
      quantity: 'fetal',
      period: 'pregnancy',
      limitNsv: MSV,
      pregnancy: {
        id: 'd1',
        declaredAt: new Date('2026-01-01T00:00:00Z'),
        fromConception: null,
        declarationMarginNsv: null,
        // us-nrc's 0.5 mSv a month (fetal-monthly.ts), beside the fetal limit.
        monthlyNsv: MSV / 2n,
      },
    },
  ];
  // The eu defaults (migration AlaraLevels1795698200000): 10 % and 30 % of a quarter of 20 and
  // of 500 mSv a year.
  const alaraLevels: InvestigationLevels[] = [
    { quantity: 'effective', levelINsv: MSV / 2n, levelIINsv: (3n * MSV) / 2n },
    { quantity: 'skin', levelINsv: 12_500_000n, levelIINsv: 37_500_000n },
  ];
  const sums = new Map<string, QuantitySums>();
  for (const [quantity, scale] of [
    ['effective', 25n * MSV],
    ['skin', 600n * MSV],
    ['eyeLens', 25n * MSV],
    ['fetal', 2n * MSV],
  ] as const) {
    const q4 = nsv(scale / 2n);
    const q3 = nsv(scale / 2n);
    sums.set(
      quantity,
      fromQuarters({
        quarters: new Map([
          ['2026-Q3', q3],
          [QUARTER, q4],
        ]),
        rolling5Years: q3 + q4 + nsv(scale * 3n),
        recent: nsv(q4 + 1n),
        pregnancy: nsv(q3 + q4 + 1n),
        pregnancyMonths: new Map([[TODAY.slice(0, 7), nsv(MSV)]]),
      }),
    );
  }
  // Half of them watched by the classification rule (an `eu` category B adult).
  const categories = random() < 0.5 ? { category: 'adult', euCategory: 'B' } : undefined;
  return {
    personId: 'p1',
    limits,
    categories,
    alaraLevels,
    sums,
    touchedQuarters: [QUARTER],
    today: TODAY,
  };
}

describe('headroomOf: dose that cannot change a dose rule', () => {
  it('keeps every level below the headroom, for 2 000 random people', () => {
    const random = seededRandom(6);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const person = randomPerson(random);
      const before = levels(person);
      for (const [quantity, headroom] of headroomOf(person)) {
        expect(headroom).toBeGreaterThanOrEqual(0n);
        if (headroom === 0n) continue;
        for (const nsv of [1n, headroom / 2n, headroom - 1n]) {
          expect({ quantity, nsv, levels: levels(withMore(person, quantity, nsv)) }).toEqual({
            quantity,
            nsv,
            levels: before,
          });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  /** One quantity's dose by quarter, nothing recent, against a 20 mSv year limit. */
  function yearLimited(
    quantity: string,
    quarters: [string, bigint][],
    categories?: PersonCategories,
  ): PersonDose {
    return {
      personId: 'p1',
      limits: [{ quantity, period: 'year', limitNsv: 20n * MSV }],
      categories,
      // Investigation levels of an RSO's own: I at 2 mSv, II at 6 mSv a quarter.
      alaraLevels: [{ quantity, levelINsv: 2n * MSV, levelIINsv: 6n * MSV }],
      sums: new Map([
        [
          quantity,
          fromQuarters({
            quarters: new Map(quarters),
            rolling5Years: 0n,
            recent: 0n,
            pregnancy: 0n,
          }),
        ],
      ]),
      touchedQuarters: [QUARTER],
      today: TODAY,
    };
  }

  it('is exact at a level: one nSv more reaches it', () => {
    // 1.9 mSv in Q4, nothing recent: 0.1 mSv to the year's 10 % and the quarter's 10 %.
    const person = yearLimited('effective', [[QUARTER, 1_900_000n]]);
    expect(headroomOf(person)).toEqual(new Map([['effective', 100_000n]]));
    expect(levels(withMore(person, 'effective', 99_999n))).toEqual([]);
    expect(levels(withMore(person, 'effective', 100_000n))).toEqual([
      `alaraQuarter effective quarter:${QUARTER} notice`,
      'doseLimit effective year:2026 notice',
    ]);
  });

  it('stops at the classification level of a category B adult', () => {
    // Lens 14.9 mSv of a 20 mSv limit: the next doseLimit level (80 %) is 1.1 mSv away, the
    // category A level of 2013/59/Euratom Art. 40(1)(a), 15 mSv, only 0.1 mSv.
    const person = yearLimited(
      'eyeLens',
      [
        ['2026-Q1', 14_900_000n],
        [QUARTER, 0n],
      ],
      { category: 'adult', euCategory: 'B' },
    );
    // The other quantities, without dose, are their whole level away (effective 6 mSv, skin
    // and extremities 150 mSv).
    expect(headroomOf(person)).toEqual(
      new Map([
        ['eyeLens', 100_000n],
        ['effective', 6n * MSV],
        ['skin', 150n * MSV],
        ['extremity', 150n * MSV],
      ]),
    );
    expect(levels(withMore(person, 'eyeLens', 100_000n))).toContain(
      'classification eyeLens year:2026 warning',
    );
    // Unclassified: only the limit's levels count.
    expect(headroomOf({ ...person, categories: undefined })).toEqual(
      new Map([['eyeLens', 1_100_000n]]),
    );
  });

  it('leaves out a quantity whose levels are all reached', () => {
    const limits: ApplicableLimit[] = [{ quantity: 'skin', period: '5years', limitNsv: MSV }];
    const sums = new Map<string, QuantitySums>([
      [
        'skin',
        fromQuarters({
          quarters: new Map([[QUARTER, 2n * MSV]]),
          rolling5Years: 2n * MSV,
          recent: 0n,
          pregnancy: 0n,
        }),
      ],
    ]);
    // This quarter's 2 mSv is over both investigation levels too.
    const alaraLevels: InvestigationLevels[] = [
      { quantity: 'skin', levelINsv: MSV / 2n, levelIINsv: MSV },
    ];
    expect(
      headroomOf({ personId: 'p1', limits, alaraLevels, sums, touchedQuarters: [], today: TODAY }),
    ).toEqual(new Map());
  });
});

describe('DoseHeadroom: which evaluations can be skipped', () => {
  const limits: ApplicableLimit[] = [
    { quantity: 'effective', period: 'year', limitNsv: 20n * MSV },
  ];
  const person: PersonDose = {
    personId: 'p1',
    limits,
    alaraLevels: [],
    sums: new Map([
      [
        'effective',
        fromQuarters({
          quarters: new Map([[QUARTER, 1_900_000n]]),
          rolling5Years: 0n,
          recent: 0n,
          pregnancy: 0n,
        }),
      ],
    ]),
    touchedQuarters: [QUARTER],
    today: TODAY,
  };
  const q4 = new Set([QUARTER]);
  const more = (nsv: bigint) => new Map([['effective', nsv]]);

  it('absorbs increases until together they reach the headroom', () => {
    const headroom = new DoseHeadroom();
    headroom.record(person, 0);
    expect(headroom.absorbs('p1', q4, more(60_000n), TODAY, 1)).toBe(true);
    expect(headroom.absorbs('p1', q4, more(39_999n), TODAY, 2)).toBe(true);
    expect(headroom.absorbs('p1', q4, more(1n), TODAY, 3)).toBe(false);
  });

  it('absorbs a quantity without limits', () => {
    const headroom = new DoseHeadroom();
    headroom.record(person, 0);
    expect(headroom.absorbs('p1', q4, new Map([['extremity', 9n * MSV]]), TODAY, 1)).toBe(true);
  });

  it('absorbs nothing of another quarter, day, person, or after its lifetime or forget', () => {
    const headroom = new DoseHeadroom();
    headroom.record(person, 0);
    expect(headroom.absorbs('p1', new Set(['2026-Q3']), more(1n), TODAY, 1)).toBe(false);
    expect(headroom.absorbs('p1', q4, more(1n), '2026-11-27', 1)).toBe(false);
    expect(headroom.absorbs('p2', q4, more(1n), TODAY, 1)).toBe(false);
    expect(headroom.absorbs('p1', q4, more(1n), TODAY, HEADROOM_LIFETIME_MS)).toBe(false);
    headroom.forget(['p1']);
    expect(headroom.absorbs('p1', q4, more(1n), TODAY, 1)).toBe(false);
  });

  it('tells which increases may reach a level: an evaluation not to delay', () => {
    const headroom = new DoseHeadroom();
    headroom.record(person, 0);
    expect(headroom.reaches('p1', q4, more(99_999n), TODAY, 1)).toBe(false);
    expect(headroom.reaches('p1', q4, more(100_000n), TODAY, 1)).toBe(true);
    expect(headroom.reaches('p1', new Set(['2026-Q3']), more(1n), TODAY, 1)).toBe(true);
    // Never evaluated here: any first increase may reach a level.
    expect(headroom.reaches('p2', q4, more(1n), TODAY, 1)).toBe(true);
    // Evaluated, but the headroom outlived its lifetime: it says nothing, the person waits
    // for the next evaluation.
    expect(headroom.reaches('p1', q4, more(9n * MSV), TODAY, HEADROOM_LIFETIME_MS)).toBe(false);
    // Asking takes nothing off the headroom.
    expect(headroom.absorbs('p1', q4, more(99_999n), TODAY, 2)).toBe(true);
    // Dropped once its lifetime is over, it still says nothing.
    headroom.expired(HEADROOM_LIFETIME_MS);
    expect(headroom.reaches('p1', q4, more(9n * MSV), TODAY, HEADROOM_LIFETIME_MS)).toBe(false);
  });

  it('hands back, once its lifetime ends, whoever had an increase absorbed', () => {
    const headroom = new DoseHeadroom();
    headroom.record(person, 0);
    headroom.record({ ...person, personId: 'p2' }, 0);
    expect(headroom.absorbs('p1', q4, more(1n), TODAY, 1)).toBe(true);
    expect(headroom.expired(HEADROOM_LIFETIME_MS - 1)).toEqual([]);
    expect(headroom.expired(HEADROOM_LIFETIME_MS)).toEqual([{ personId: 'p1', day: TODAY }]);
    expect(headroom.expired(HEADROOM_LIFETIME_MS)).toEqual([]);
    expect(headroom.absorbs('p2', q4, more(1n), TODAY, 1)).toBe(false);
  });
});
