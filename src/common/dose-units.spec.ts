import {
  microsievertsToNanosieverts,
  millisievertsToNanosieverts,
  nanosievertsToMicrosieverts,
  nanosievertsToMillisieverts,
} from './dose-units.js';
import { seededRandom } from '../../test/support/random.js';

/** units / divisor rounded half to even, for non-negative integers. */
function halfEven(units: bigint, divisor: bigint): bigint {
  const quotient = units / divisor;
  const twice = 2n * (units % divisor);
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

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

  it('is exact for every decimal of up to 3 places (the fast path) and rounds longer ones half to even', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 20_000; i++) {
      // Up to 10^12 µSv (the largest register a reading may carry) with 0-3 decimals.
      const places = i % 4;
      const units = BigInt(Math.floor(random() * 10 ** (12 + places)));
      const text = `${units / 10n ** BigInt(places)}.${(units % 10n ** BigInt(places)).toString().padStart(places, '0')}`;
      expect(microsievertsToNanosieverts(Number(text))).toBe(units * 10n ** BigInt(3 - places));
    }
    for (let i = 0; i < 20_000; i++) {
      // 4-6 decimals, at most 15 significant digits: the number's spelling is this text.
      const places = 4 + (i % 3);
      const units = BigInt(Math.floor(random() * 10 ** (15 - (i % 5))));
      const text = `${units / 10n ** BigInt(places)}.${(units % 10n ** BigInt(places)).toString().padStart(places, '0')}`;
      expect(microsievertsToNanosieverts(Number(text))).toBe(
        halfEven(units, 10n ** BigInt(places - 3)),
      );
    }
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
