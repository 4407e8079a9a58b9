import { alaraQuarterAlerts } from './alara-quarter.js';
import { fromQuarters, type PersonDose, type QuantitySums } from './person-dose.js';

const MSV = 1_000_000n;

/**
 * The us-nrc defaults (migration AlaraLevels1795698200000): 10 % and 30 % of one quarter of
 * the annual limit. Effective: 50 mSv / 4 = 12.5 mSv a quarter, so Level I 1.25 mSv
 * (1 250 000 nSv) and Level II 3.75 mSv (3 750 000 nSv); skin: 500 / 4 = 125 mSv, so 12.5 and
 * 37.5 mSv. No levels for the lens here: its dose raises nothing.
 */
const US_NRC = [
  { quantity: 'effective', levelINsv: 1_250_000n, levelIINsv: 3_750_000n },
  { quantity: 'skin', levelINsv: 12_500_000n, levelIINsv: 37_500_000n },
];

function quarters(q3: bigint, q4: bigint): QuantitySums {
  return fromQuarters({
    quarters: new Map([
      ['2026-Q3', q3],
      ['2026-Q4', q4],
    ]),
    rolling5Years: 0n,
    recent: 0n,
    pregnancy: 0n,
  });
}

function person(sums: Record<string, QuantitySums>, touched = ['2026-Q3', '2026-Q4']): PersonDose {
  return {
    personId: 'p1',
    // The annual limits play no part: the levels are absolute doses a quarter.
    limits: [{ quantity: 'effective', period: 'year', limitNsv: 50n * MSV }],
    alaraLevels: US_NRC,
    sums: new Map(Object.entries(sums)),
    touchedQuarters: touched,
    today: '2026-11-26',
  };
}

const brief = (p: PersonDose) =>
  alaraQuarterAlerts(p).map((a) => `${a.quantity} ${a.period} ${a.level} ${a.limitNsv}`);

describe('alaraQuarter: a quarter against the profile’s investigation levels', () => {
  it('is a notice at Level I exactly, and nothing one step below it', () => {
    // Q3 1.25 mSv = Level I; Q4 1.2499 mSv = 1 249 900 nSv, 100 nSv short of it.
    expect(alaraQuarterAlerts(person({ effective: quarters(1_250_000n, 1_249_900n) }))).toEqual([
      {
        kind: 'alaraQuarter',
        level: 'notice',
        personId: 'p1',
        badgeSerial: null,
        quantity: 'effective',
        period: 'quarter:2026-Q3',
        valueNsv: 1_250_000n,
        // The alert's limit is the level reached.
        limitNsv: 1_250_000n,
        detail: { investigationLevel: 'I' },
      },
    ]);
  });

  it('is a warning from Level II, with Level II as its limit', () => {
    // Q3 3.75 mSv = Level II; Q4 3.749999 mSv, 1 nSv short of it, stays at Level I.
    expect(brief(person({ effective: quarters(3_750_000n, 3_749_999n) }))).toEqual([
      'effective quarter:2026-Q3 warning 3750000',
      'effective quarter:2026-Q4 notice 1250000',
    ]);
  });

  it('holds each quantity to its own levels, and a quantity without levels to none', () => {
    // Skin 12.5 mSv = its Level I, though far over effective's levels; 900 mSv to the lens
    // raises nothing without lens levels; Q3 is not among the quarters that changed.
    const sums = {
      effective: quarters(9n * MSV, 0n),
      skin: quarters(9n * MSV, 12_500_000n),
      eyeLens: quarters(0n, 900n * MSV),
    };
    expect(brief(person(sums, ['2026-Q4']))).toEqual(['skin quarter:2026-Q4 notice 12500000']);
  });
});
