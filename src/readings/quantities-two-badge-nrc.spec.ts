import type { BodyLocation } from './body-location.js';
import { parseDecimal } from '../common/decimal-ratio.js';
import { readingDoses } from './quantities.js';

/**
 * US NRC profile, a worker in a lead apron wearing a trunk badge under it and a collar badge
 * over it (DESIGN.md §4, Webster 1989: EDE = 1.5 H(waist) + 0.04 H(neck)).
 * One hour of fluoroscopy: trunk Hp(10) 20 µSv, Hp(0.07) 22 µSv; collar Hp(10) 400 µSv,
 * Hp(0.07) 480 µSv, Hp(3) 450 µSv.
 * Hand-computed: effective = 1.5 × 20 + 0.04 × 400 = 30 + 16 = 46 µSv;
 * skin from the collar only (over the apron): 480 µSv; eye lens from the collar's Hp(3): 450 µSv.
 */
const nrc = { trunk: parseDecimal('1.5'), collar: parseDecimal('0.04') };
const both = new Set<BodyLocation>(['trunk', 'collar']);

describe('two-badge effective dose, US NRC', () => {
  const trunk = readingDoses('trunk', { hp10: 20_000n, hp007: 22_000n }, both, nrc);
  const collar = readingDoses(
    'collar',
    { hp10: 400_000n, hp007: 480_000n, hp3: 450_000n },
    both,
    nrc,
  );

  it('counts each reading with its coefficient', () => {
    expect(trunk).toEqual({ effective: 30_000n });
    expect(collar).toEqual({ effective: 16_000n, skin: 480_000n, eyeLens: 450_000n });
  });

  it('adds up to the formula over both readings', () => {
    expect((trunk.effective ?? 0n) + (collar.effective ?? 0n)).toBe(46_000n);
  });

  it('falls back to the single-badge mapping when only one badge is worn', () => {
    expect(
      readingDoses('trunk', { hp10: 20_000n, hp007: 22_000n }, new Set(['trunk']), nrc),
    ).toEqual({
      effective: 20_000n,
      skin: 22_000n,
    });
    expect(
      readingDoses('collar', { hp10: 400_000n, hp007: 480_000n }, new Set(['collar']), nrc),
    ).toEqual({
      effective: 400_000n,
      skin: 480_000n,
      eyeLens: 480_000n,
    });
  });
});
