import type { BodyLocation } from './body-location.js';
import { parseDecimal } from '../common/decimal-ratio.js';
import { readingDoses } from './quantities.js';

/**
 * EU profile (Niklason 1994, no thyroid shield: E = H(trunk) + 0.06 H(collar)), a worker
 * wearing trunk, collar and eye badges during an interventional procedure.
 * Readings: trunk Hp(10) 15 µSv, Hp(0.07) 16 µSv; collar Hp(10) 250 µSv, Hp(0.07) 300 µSv,
 * Hp(3) 280 µSv; eye Hp(3) 120 µSv.
 * Hand-computed: effective = 15 + 0.06 × 250 = 15 + 15 = 30 µSv; skin from the collar:
 * 300 µSv; eye lens from the eye badge only (eye over collar): 120 µSv.
 */
const eu = { trunk: parseDecimal('1'), collar: parseDecimal('0.06') };
const worn = new Set<BodyLocation>(['trunk', 'collar', 'eye']);

describe('two-badge effective dose and badge priority, EU', () => {
  it('gives the hand-computed doses', () => {
    const trunk = readingDoses('trunk', { hp10: 15_000n, hp007: 16_000n }, worn, eu);
    const collar = readingDoses(
      'collar',
      { hp10: 250_000n, hp007: 300_000n, hp3: 280_000n },
      worn,
      eu,
    );
    const eye = readingDoses('eye', { hp3: 120_000n }, worn, eu);
    expect(trunk).toEqual({ effective: 15_000n });
    expect(collar).toEqual({ effective: 15_000n, skin: 300_000n });
    expect(eye).toEqual({ eyeLens: 120_000n });
  });

  it('rounds each reading half to even at the nSv', () => {
    // 0.06 × 25 nSv = 1.5 nSv -> 2; 0.06 × 75 nSv = 4.5 nSv -> 4
    expect(readingDoses('collar', { hp10: 25n }, worn, eu).effective).toBe(2n);
    expect(readingDoses('collar', { hp10: 75n }, worn, eu).effective).toBe(4n);
  });

  it('maps the other locations one to one', () => {
    const alone = new Set<BodyLocation>();
    expect(readingDoses('extremity', { hp10: 1n, hp007: 9n }, alone, eu)).toEqual({
      extremity: 9n,
    });
    expect(readingDoses('fetal', { hp10: 7n, hp007: 8n }, alone, eu)).toEqual({ fetal: 7n });
    expect(readingDoses('eye', { hp007: 5n }, alone, eu)).toEqual({ eyeLens: 5n });
  });
});
