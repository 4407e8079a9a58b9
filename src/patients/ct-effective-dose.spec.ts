import { ageBand, ctRegion, estimateCtEffectiveDose, factorPhantom } from './ct-effective-dose.js';

/** DLP in mGy·cm to the nGy·cm the estimate takes (exact for these literals). */
const dlp = (mGyCm: number): bigint => BigInt(Math.round(mGyCm * 1e6));

describe('CT effective dose estimate, DLP × k (AAPM Report 96, Table 4)', () => {
  it.each([
    // region, age, DLP mGy·cm, k, expected nSv (hand-computed: DLP × k × 10^6)
    ['chest', 54, 310, '0.014', 4_340_000n], // DESIGN.md §3.2's example: 310 × 0.014 = 4.34 mSv
    ['head', 40, 1000, '0.0021', 2_100_000n], // 2.1 mSv
    ['neck', 30, 400, '0.0059', 2_360_000n], // 2.36 mSv
    ['abdomen/pelvis', 70, 600, '0.015', 9_000_000n], // 9 mSv
    ['trunk', 15, 200, '0.015', 3_000_000n], // 15 years: adult factors
    ['head and neck', 18, 1000, '0.0031', 3_100_000n],
    ['abdomen', 0.3, 100, '0.049', 4_900_000n], // newborn band
    ['chest', 2, 50, '0.026', 1_300_000n], // 1-year band
    ['neck', 6, 80, '0.011', 880_000n], // 5-year band
    ['trunk', 12, 200, '0.014', 2_800_000n], // 10-year band
    ['Thorax', 60, 100, '0.014', 1_400_000n], // another spelling of chest
  ])('%s at %s years, DLP %s: k %s, %s nSv', (region, age, dlpMGyCm, k, nsv) => {
    expect(estimateCtEffectiveDose(dlp(dlpMGyCm), region, age)).toMatchObject({
      effectiveNsv: nsv,
      kFactor: k,
    });
  });

  it('bands ages by the nearest phantom: 0, 1, 5, 10 years, adult from 15', () => {
    expect([0, 0.49, 0.5, 2.99, 3, 7.49, 7.5, 14.99, 15, 90].map(ageBand)).toEqual([
      0,
      0,
      1,
      1,
      5,
      5,
      10,
      10,
      'adult',
      'adult',
    ]);
  });

  it('rounds to the nSv half to even', () => {
    // 125 nGy·cm × 0.0040 = 0.5 nSv → 0; 375 × 0.0040 = 1.5 → 2; 625 × 0.0040 = 2.5 → 2.
    expect(estimateCtEffectiveDose(125n, 'head', 5)?.effectiveNsv).toBe(0n);
    expect(estimateCtEffectiveDose(375n, 'head', 5)?.effectiveNsv).toBe(2n);
    expect(estimateCtEffectiveDose(625n, 'head', 5)?.effectiveNsv).toBe(2n);
  });

  it('makes no number up: no estimate without a known region or an age', () => {
    expect(estimateCtEffectiveDose(dlp(300), 'knee', 40)).toBeUndefined();
    expect(estimateCtEffectiveDose(dlp(300), null, 40)).toBeUndefined();
    expect(estimateCtEffectiveDose(dlp(300), 'chest', null)).toBeUndefined();
    expect(ctRegion('  Abdomen / Pelvis ')).toBeUndefined();
    expect(ctRegion('  Abdomen/Pelvis ')).toBe('abdomenPelvis');
  });
});

describe('CT estimate and the CTDI phantom the DLP is reported against', () => {
  it('estimates when the event names the phantom the factor assumes', () => {
    // A 5-year-old's chest against the 16 cm phantom: 200 mGy·cm × 0.018 = 3.6 mSv.
    expect(estimateCtEffectiveDose(dlp(200), 'chest', 5, 'head16')).toMatchObject({
      effectiveNsv: 3_600_000n,
      kFactor: '0.018',
      phantom: 'head16',
    });
    // An adult's abdomen against the 32 cm phantom: 600 × 0.015 = 9 mSv.
    expect(estimateCtEffectiveDose(dlp(600), 'abdomen', 40, 'body32')).toMatchObject({
      effectiveNsv: 9_000_000n,
      phantom: 'body32',
    });
    // An adult's head against the 16 cm phantom: 1000 × 0.0021 = 2.1 mSv.
    expect(estimateCtEffectiveDose(dlp(1000), 'head', 40, 'head16')?.effectiveNsv).toBe(2_100_000n);
  });

  it('refuses a child body DLP against the 32 cm phantom: no conversion source, no number', () => {
    // 0.018 × 100 = 1.8 mSv would understate a 5-year-old's dose; nothing is made up instead.
    expect(estimateCtEffectiveDose(dlp(100), 'chest', 5, 'body32')).toBeUndefined();
    expect(estimateCtEffectiveDose(dlp(100), 'abdomen/pelvis', 0.2, 'body32')).toBeUndefined();
    expect(estimateCtEffectiveDose(dlp(100), 'trunk', 14.9, 'body32')).toBeUndefined();
    // The other way round too: an adult head against 32 cm, an adult chest against 16 cm.
    expect(estimateCtEffectiveDose(dlp(100), 'head', 40, 'body32')).toBeUndefined();
    expect(estimateCtEffectiveDose(dlp(100), 'chest', 40, 'head16')).toBeUndefined();
  });

  it('names the phantom of each factor: 16 cm for children and the adult head, else 32 cm', () => {
    expect(factorPhantom('chest', 10)).toBe('head16');
    expect(factorPhantom('headAndNeck', 'adult')).toBe('head16');
    expect(factorPhantom('head', 'adult')).toBe('head16');
    expect(factorPhantom('neck', 'adult')).toBe('body32');
    expect(factorPhantom('trunk', 'adult')).toBe('body32');
    // Without a named phantom the factor's phantom is assumed, as before the field existed.
    expect(estimateCtEffectiveDose(dlp(100), 'chest', 5)).toMatchObject({ phantom: 'head16' });
  });
});
