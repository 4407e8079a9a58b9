import { attributionChange, takesFromRecords } from './attribution-change.js';

const at = (iso: string) => new Date(iso);

/**
 * A badge returned early: two of A's readings leave A (to nobody). Their deltas, −3 mSv and
 * −2 mSv effective on 2026-03-02 and −1 mSv on 2026-03-03, sum per day to −5 and −1 mSv. A
 * formula change on B's other badge the same day nets to zero (+1 and −1 mSv): no move for B.
 */
describe('attributionChange: an early return', () => {
  const change = attributionChange(
    [
      { stored: { personId: 'A' }, derived: { personId: null } },
      { stored: { personId: 'A' }, derived: { personId: null } },
      { stored: { personId: 'B' }, derived: { personId: 'B' } },
    ],
    [
      { personId: 'A', quantity: 'effective', at: at('2026-03-02T09:00:00Z'), nsv: -3_000_000n },
      { personId: 'A', quantity: 'effective', at: at('2026-03-02T10:00:00Z'), nsv: -2_000_000n },
      { personId: 'A', quantity: 'effective', at: at('2026-03-03T08:00:00Z'), nsv: -1_000_000n },
      { personId: 'B', quantity: 'effective', at: at('2026-03-02T09:00:00Z'), nsv: 1_000_000n },
      { personId: 'B', quantity: 'effective', at: at('2026-03-02T11:00:00Z'), nsv: -1_000_000n },
    ],
    'UTC',
  );

  it('counts the readings taken per person and nets the dose per person, quantity and day', () => {
    expect(change.changed).toBe(3);
    expect([...change.readingsTaken]).toEqual([['A', 2]]);
    expect(change.moves).toEqual([
      { personId: 'A', quantity: 'effective', day: '2026-03-02', nsv: -5_000_000n },
      { personId: 'A', quantity: 'effective', day: '2026-03-03', nsv: -1_000_000n },
    ]);
    expect(takesFromRecords(change)).toBe(true);
  });

  it('takes nothing when held readings only join a record', () => {
    const joined = attributionChange(
      [{ stored: { personId: null }, derived: { personId: 'A' } }],
      [{ personId: 'A', quantity: 'effective', at: at('2026-03-02T09:00:00Z'), nsv: 4n }],
      'UTC',
    );
    expect(takesFromRecords(joined)).toBe(false);
  });
});
