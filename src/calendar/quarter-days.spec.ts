import { quarterDays } from './periods.js';

describe('quarterDays', () => {
  it.each([
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
  ])('%s runs from %s to %s', (quarter, from, to) => {
    expect(quarterDays(quarter)).toEqual({ first: from, last: to });
  });
});
