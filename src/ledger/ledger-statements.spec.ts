import * as statements from './ledger-statements.js';

/**
 * The ledger's SQL as SQL: each named statement rendered with small arguments, kept in
 * __snapshots__/ledger-statements.spec.ts.snap. A change to a statement shows there in
 * review; update it with `npx jest -u src/ledger` after reading the new text.
 */
const person = '7b0c5a52-0000-4000-8000-000000000001';
const changes = {
  people: [person, person],
  quantities: ['effective', 'skin'],
  days: ['2026-11-30', '2026-12-01'],
  nsv: [1_500n, -200n],
};

const rendered: Record<keyof typeof statements, () => unknown> = {
  decreaseDailyTotals: () => statements.decreaseDailyTotals(changes),
  increaseDailyTotals: () => statements.increaseDailyTotals(changes),
  adjustDailyTotal: () => statements.adjustDailyTotal(person, 'effective', '2026-03-02', -40n),
  closedThrough: () => statements.closedThrough(),
  lockDailyTotals: () => statements.lockDailyTotals(),
  sumDaysIntoMonths: () => statements.sumDaysIntoMonths('2026-10-01', '2026-11-01'),
  sumDaysIntoYears: () => statements.sumDaysIntoYears(null, 2025),
  recordMonthClosed: () => statements.recordMonthClosed('2026-11-01'),
  recordYearClosed: () => statements.recordYearClosed(2025),
  addToMonthTotals: () =>
    statements.addToMonthTotals({ ...changes, periods: ['2026-11-01', '2026-11-01'] }),
  addToYearTotals: () => statements.addToYearTotals({ ...changes, periods: [2025, 2025] }),
  clearClosedTotals: () => statements.clearClosedTotals(),
  closedPeriodDifferences: () => statements.closedPeriodDifferences(),
  periodSums: () =>
    statements.periodSums(
      [
        { personId: person, grain: 'year', first: '2022-01-01', last: '2025-12-31', periods: [0] },
        {
          personId: person,
          grain: 'month',
          first: '2026-01-01',
          last: '2026-11-30',
          periods: [0, 1],
        },
        {
          personId: person,
          grain: 'day',
          first: '2026-12-01',
          last: '2026-12-07',
          periods: [0, 1],
        },
      ],
      { pieces: [0, 1, 1, 2, 2], periods: [0, 0, 1, 0, 1] },
    ),
  peopleWithDose: () => statements.peopleWithDose('patient'),
  quartersWithDose: () => statements.quartersWithDose(),
  doseDaySpan: () => statements.doseDaySpan(person),
  dailyTotals: () => statements.dailyTotals(person, '2026-01-01', '2026-12-31'),
  allDailyTotals: () => statements.allDailyTotals(),
  adjustmentSums: () => statements.adjustmentSums(),
  lockForRecompute: () => statements.lockForRecompute(),
  replaceDailyTotals: () =>
    statements.replaceDailyTotals([[person, 'effective', '2026-12-01', '1500', '0']]),
};

describe('ledger statements', () => {
  it.each(Object.keys(rendered).sort())('%s renders as in its snapshot', (name) => {
    expect(rendered[name as keyof typeof statements]()).toMatchSnapshot();
  });

  it('renders every statement the ledger exports', () => {
    expect(Object.keys(rendered).sort()).toEqual(Object.keys(statements).sort());
  });
});
