import { notMeasuredParts, type NotMeasuredRow } from './not-measured-parts.js';

const row = (
  kind: NotMeasuredRow['kind'],
  day: string,
  doses: Partial<Record<'effective' | 'eyeLens' | 'skin' | 'extremity', string>>,
): NotMeasuredRow => ({
  kind,
  day,
  effective: doses.effective ?? null,
  eyeLens: doses.eyeLens ?? null,
  skin: doses.skin ?? null,
  extremity: doses.extremity ?? null,
});

/**
 * Asked on 2026-05-20: a prior dose of 3 mSv effective booked on 2026-02-28 (year, not this
 * quarter Q2), an estimate of 0.5 mSv effective and 0 mSv eye lens booked on 2026-04-30
 * (quarter and year), and a prior dose of 1 mSv effective booked on 2025-06-30 (neither).
 * Effective: quarter 0.5 estimated; year 3 prior + 0.5 estimated. Eye lens: the zero estimate
 * still marks quarter and year. Skin and extremity: nothing given, left out.
 */
describe('notMeasuredParts', () => {
  it('sums each period’s prior and estimated dose per quantity, zero records included', () => {
    const parts = notMeasuredParts(
      [
        row('priorDose', '2026-02-28', { effective: '3000000' }),
        row('estimate', '2026-04-30', { effective: '500000', eyeLens: '0' }),
        row('priorDose', '2025-06-30', { effective: '1000000' }),
      ],
      new Map([
        ['quarter', { first: '2026-04-01', last: '2026-05-20' }],
        ['year', { first: '2026-01-01', last: '2026-05-20' }],
      ]),
    );
    expect(parts).toEqual(
      new Map([
        [
          'effective',
          new Map([
            ['year', { priorNsv: 3_000_000n, estimatedNsv: 500_000n }],
            ['quarter', { priorNsv: 0n, estimatedNsv: 500_000n }],
          ]),
        ],
        [
          'eyeLens',
          new Map([
            ['quarter', { priorNsv: 0n, estimatedNsv: 0n }],
            ['year', { priorNsv: 0n, estimatedNsv: 0n }],
          ]),
        ],
      ]),
    );
  });
});
