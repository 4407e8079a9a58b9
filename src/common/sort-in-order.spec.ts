import { ascending, sortInOrder } from './sort-in-order.js';

describe('sortInOrder', () => {
  it('gives what a stable sort gives, for arrays in order, reversed and shuffled', () => {
    const byKey = (a: { k: number }, b: { k: number }) => a.k - b.k;
    for (let n = 0; n < 40; n++) {
      const items = Array.from({ length: n }, (_, i) => ({ k: (i * 7919) % 5, i }));
      for (const input of [items, [...items].reverse(), [...items].sort(byKey)]) {
        expect(sortInOrder([...input], byKey)).toEqual([...input].sort(byKey));
      }
    }
  });

  it('orders bigints by value, beyond 2^53 too', () => {
    const big = 2n ** 60n;
    expect(sortInOrder([big + 1n, 5n, big, -1n], ascending)).toEqual([-1n, 5n, big, big + 1n]);
  });

  it('returns an array already in order untouched, and sorts text as sort() does', () => {
    const inOrder = ['2025-Q4', '2026-Q1', '2026-Q1'];
    expect(sortInOrder(inOrder, ascending)).toBe(inOrder);
    expect(sortInOrder(['b', 'B', 'a', 'é', 'A'], ascending)).toEqual(
      ['b', 'B', 'a', 'é', 'A'].sort(),
    );
  });
});
