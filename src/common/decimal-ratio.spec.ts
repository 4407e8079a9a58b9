import { parseDecimal, scaleHalfEven } from './decimal-ratio.js';

describe('exact decimal coefficients', () => {
  it('parses decimals exactly', () => {
    expect(parseDecimal('1.5')).toEqual({ numerator: 15n, denominator: 10n });
    expect(parseDecimal('0.04')).toEqual({ numerator: 4n, denominator: 100n });
    expect(parseDecimal('1')).toEqual({ numerator: 1n, denominator: 1n });
    expect(() => parseDecimal('-1')).toThrow(RangeError);
  });

  it.each([
    [1001n, '1.5', 1502n], // 1501.5 -> 1502 (half to even)
    [1003n, '1.5', 1504n], // 1504.5 -> 1504 (half to even)
    [25n, '0.04', 1n], // 1.0
    [37n, '0.04', 1n], // 1.48
    [38n, '0.04', 2n], // 1.52
    [-1001n, '1.5', -1502n], // signed values round symmetrically
    [0n, '0.06', 0n],
  ])('%p nSv × %s = %p nSv', (value, ratio, expected) => {
    expect(scaleHalfEven(value, parseDecimal(ratio))).toBe(expected);
  });
});
