import { ledgerQuantity, recordQuantities } from './extremity-sides.js';

const MSV = 1_000_000n;

describe('the most exposed extremity (DESIGN.md §4; 10 CFR 20.1201(a)(2)(ii))', () => {
  it('keeps each side under its own ledger quantity; other quantities as they are', () => {
    expect(ledgerQuantity('extremity', 'left')).toBe('extremity.left');
    expect(ledgerQuantity('extremity', 'right')).toBe('extremity.right');
    expect(ledgerQuantity('extremity', null)).toBe('extremity');
    expect(ledgerQuantity('skin', 'left')).toBe('skin');
  });

  it('takes the larger hand of left 30 mSv and right 12 mSv: 30, not 42', () => {
    const record = recordQuantities(
      new Map([
        ['extremity.left', 30n * MSV],
        ['extremity.right', 12n * MSV],
        ['effective', 2n * MSV],
      ]),
    );
    expect(record.get('extremity')).toBe(30n * MSV);
    expect(record.get('effective')).toBe(2n * MSV);
    expect(record.has('extremity.left')).toBe(false);
  });

  it('adds an unsided badge to the larger side: 5 unsided + max(3, 4) = 9 mSv', () => {
    const record = recordQuantities(
      new Map([
        ['extremity', 5n * MSV],
        ['extremity.left', 3n * MSV],
        ['extremity.right', 4n * MSV],
      ]),
    );
    expect(record.get('extremity')).toBe(9n * MSV);
  });

  it('leaves an unsided-only record as the sum it always was', () => {
    expect(recordQuantities(new Map([['extremity', 7n]])).get('extremity')).toBe(7n);
  });

  it('is not additive over periods: Q1 left 10 + Q2 right 10 is 10 per quarter, 10 for the half-year', () => {
    // Per quarter the record is 10 mSv each; over both quarters left = 10, right = 10, so the
    // record is 10 mSv, not the 20 that adding the quarters' records would give.
    const half = recordQuantities(
      new Map([
        ['extremity.left', 10n * MSV],
        ['extremity.right', 10n * MSV],
      ]),
    );
    expect(half.get('extremity')).toBe(10n * MSV);
  });
});
