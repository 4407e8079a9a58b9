import { decimalText, mSvText, remText } from './numbers.js';

describe('dose numbers as text', () => {
  it('never uses exponent notation and drops trailing zeros', () => {
    // 1 nSv is 0.000001 mSv and 0.0000001 rem; String(1e-7) would print "1e-7".
    expect(remText(1e-7)).toBe('0.0000001');
    expect(mSvText(0.000001)).toBe('0.000001');
    expect(mSvText(10)).toBe('10');
    expect(mSvText(1.00025)).toBe('1.00025');
    expect(mSvText(-0.05)).toBe('-0.05');
    expect(decimalText(0.125, 4)).toBe('0.125');
    expect(mSvText(0)).toBe('0');
  });
});
