import { openedGaps } from './seq-gaps.js';

/** The candidates a batch records: only gaps it opened, each keyed by the reading above it. */
describe('openedGaps', () => {
  it('finds gaps within a batch and below it, in order', () => {
    expect(openedGaps({ below: 4n }, [], [5n, 6n, 9n])).toEqual([9n]);
    expect(openedGaps({ below: 2n }, [], [5n, 6n, 9n])).toEqual([5n, 9n]);
    expect(openedGaps({ below: 4n }, [], [5n, 6n, 7n])).toEqual([]);
  });

  it('finds nothing below a badge first reading', () => {
    expect(openedGaps({}, [], [7n, 8n])).toEqual([]);
  });

  it('finds the gap above a late reading, keyed by its stored successor', () => {
    expect(openedGaps({ above: 5n }, [], [1n])).toEqual([5n]);
    expect(openedGaps({ below: 1n, above: 5n }, [], [2n])).toEqual([5n]);
    expect(openedGaps({ below: 1n, above: 5n }, [], [4n])).toEqual([4n]);
    expect(openedGaps({ below: 1n, above: 3n }, [], [2n])).toEqual([]);
  });

  it('finds gaps next to stored readings among the new ones, not between stored ones', () => {
    // Stored 3, 8 and 20 (the gaps 4-7 and 9-19 were recorded when 8 and 20 arrived).
    expect(openedGaps({ below: 3n, above: 20n }, [8n], [5n])).toEqual([5n, 8n]);
    expect(openedGaps({ below: 3n }, [8n, 20n], [5n])).toEqual([5n, 8n]);
    expect(openedGaps({ below: 8n }, [20n], [9n, 10n])).toEqual([20n]);
    expect(openedGaps({ below: 8n }, [20n], [11n])).toEqual([11n, 20n]);
    expect(openedGaps({ below: 3n }, [8n, 20n], [4n, 7n])).toEqual([7n]);
  });
});
