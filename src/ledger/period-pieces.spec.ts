import { LAST_DAY } from '../calendar/days.js';
import { piecesOf } from './period-pieces.js';

/**
 * Worked cases on 2026-12-07: months through November 2026 and years through 2025 may be
 * closed, so they are read as month and year totals; December's days as days.
 */
describe('period pieces', () => {
  const asOf = '2026-12-07';

  it('reads a calendar year as its closed months and the open month by day', () => {
    expect(piecesOf([{ first: '2026-01-01', last: asOf }], asOf)).toEqual([
      { grain: 'month', first: '2026-01-01', last: '2026-11-30', periods: [0] },
      { grain: 'day', first: '2026-12-01', last: '2026-12-07', periods: [0] },
    ]);
  });

  it('reads rolling five years as edge days, closed years, closed months and open days', () => {
    // 2021-12-08 → 2021-12-31 by day; 2022–2025 as years; 2026 Jan–Nov as months; December by day.
    expect(piecesOf([{ first: '2021-12-08', last: asOf }], asOf)).toEqual([
      { grain: 'day', first: '2021-12-08', last: '2021-12-31', periods: [0] },
      { grain: 'year', first: '2022-01-01', last: '2025-12-31', periods: [0] },
      { grain: 'month', first: '2026-01-01', last: '2026-11-30', periods: [0] },
      { grain: 'day', first: '2026-12-01', last: '2026-12-07', periods: [0] },
    ]);
  });

  it('cuts overlapping periods so each day is read once and counted in each period it is in', () => {
    const quarter = { first: '2026-10-01', last: asOf };
    const year = { first: '2026-01-01', last: asOf };
    const recent = { first: '2026-11-08', last: asOf };
    expect(piecesOf([quarter, year, recent], asOf)).toEqual([
      { grain: 'month', first: '2026-01-01', last: '2026-09-30', periods: [1] },
      { grain: 'month', first: '2026-10-01', last: '2026-10-31', periods: [0, 1] },
      { grain: 'day', first: '2026-11-01', last: '2026-11-07', periods: [0, 1] },
      { grain: 'day', first: '2026-11-08', last: '2026-12-07', periods: [0, 1, 2] },
    ]);
  });

  it('reads whole months up to a closed year, then the year', () => {
    // A pregnancy from 2024-03-15: March's rest by day, April–December 2024 as months, 2025 as
    // a year, 2026 as months and days.
    expect(piecesOf([{ first: '2024-03-15', last: asOf }], asOf)).toEqual([
      { grain: 'day', first: '2024-03-15', last: '2024-03-31', periods: [0] },
      { grain: 'month', first: '2024-04-01', last: '2024-12-31', periods: [0] },
      { grain: 'year', first: '2025-01-01', last: '2025-12-31', periods: [0] },
      { grain: 'month', first: '2026-01-01', last: '2026-11-30', periods: [0] },
      { grain: 'day', first: '2026-12-01', last: '2026-12-07', periods: [0] },
    ]);
  });

  it('reads everything by day in January, before any month of the year can be closed', () => {
    expect(piecesOf([{ first: '2027-01-01', last: '2027-01-20' }], '2027-01-20')).toEqual([
      { grain: 'day', first: '2027-01-01', last: '2027-01-20', periods: [0] },
    ]);
  });

  it('keeps an open-ended period to one day piece after the closable months', () => {
    expect(piecesOf([{ first: '2026-11-15', last: LAST_DAY }], asOf)).toEqual([
      { grain: 'day', first: '2026-11-15', last: LAST_DAY, periods: [0] },
    ]);
  });

  it('reads a lifetime from the first day of the calendar as a few pieces', () => {
    const pieces = piecesOf([{ first: '0001-01-01', last: asOf }], asOf);
    expect(pieces.map((piece) => piece.grain)).toEqual(['year', 'month', 'day']);
    expect(pieces[0]).toMatchObject({ first: '0001-01-01', last: '2025-12-31' });
  });

  it('leaves out days no period covers, and empty periods', () => {
    const pieces = piecesOf(
      [
        { first: '2026-12-01', last: '2026-12-02' },
        { first: '2026-12-05', last: '2026-12-06' },
        { first: '2026-12-07', last: '2026-12-06' },
      ],
      asOf,
    );
    expect(pieces).toEqual([
      { grain: 'day', first: '2026-12-01', last: '2026-12-02', periods: [0] },
      { grain: 'day', first: '2026-12-05', last: '2026-12-06', periods: [1] },
    ]);
  });
});
