import {
  microsievertsToNanosieverts,
  millisievertsToNanosieverts,
  nanosievertsToMicrosieverts,
  nanosievertsToMillisieverts,
} from './dose-units.js';

describe('dose units', () => {
  it.each([
    [0, 0n],
    [1234.567, 1_234_567n],
    // 0.1 + 0.2 is 0.30000000000000004 as a double: the shortest spelling still rounds to 300 nSv.
    [0.1 + 0.2, 300n],
    [1e-7, 0n],
    [1.5e6, 1_500_000_000n],
    [123456789.123, 123_456_789_123n],
    // half to even at the nSv: 0.5 nSv -> 0, 1.5 -> 2, 2.5 -> 2, 2.5000001 -> 3
    [0.0005, 0n],
    [0.0015, 2n],
    [0.0025, 2n],
    [0.0025000001, 3n],
    [1e21, 10n ** 24n],
  ])('converts %p µSv to %p nSv', (usv, nsv) => {
    expect(microsievertsToNanosieverts(usv)).toBe(nsv);
  });

  it('converts signed mSv, half to even', () => {
    expect(millisievertsToNanosieverts(-1.5)).toBe(-1_500_000n);
    expect(millisievertsToNanosieverts(0.0000005)).toBe(0n);
    expect(millisievertsToNanosieverts(0.0000015)).toBe(2n);
    expect(millisievertsToNanosieverts(20)).toBe(20_000_000n);
  });

  it('refuses non-finite values', () => {
    expect(() => microsievertsToNanosieverts(Number.NaN)).toThrow(RangeError);
    expect(() => microsievertsToNanosieverts(Infinity)).toThrow(RangeError);
  });

  it('prints nSv totals as exact mSv and µSv numbers', () => {
    expect(nanosievertsToMillisieverts(1_920_000n)).toBe(1.92);
    expect(nanosievertsToMillisieverts(1n)).toBe(0.000001);
    expect(nanosievertsToMillisieverts(-2_500_001n)).toBe(-2.500001);
    expect(nanosievertsToMillisieverts(12_800_000_123n)).toBe(12800.000123);
    expect(nanosievertsToMicrosieverts(1_234_568n)).toBe(1234.568);
    expect(nanosievertsToMicrosieverts(0n)).toBe(0);
  });

  it('round-trips every nSv step near a large total', () => {
    for (let n = 9_999_999_990n; n < 10_000_000_010n; n++) {
      expect(millisievertsToNanosieverts(nanosievertsToMillisieverts(n))).toBe(n);
    }
  });
});
