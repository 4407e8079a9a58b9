import { form5Doses, NO_DOSE } from './form5.js';

/**
 * NRC Form 5 fields from the record quantities: effective 1.5 mSv of which 0.2 adjusted, eye
 * lens 0.4, skin 2, extremity 12, fetal 0.3 (nSv below). TEDE = DDE + CEDE with CEDE 0.
 */
describe('form5Doses', () => {
  it('maps each record quantity to its Form 5 field, TEDE = DDE', () => {
    const sums = new Map([
      ['effective', { totalNsv: 1_500_000n, adjustmentsNsv: 200_000n }],
      ['eyeLens', { totalNsv: 400_000n, adjustmentsNsv: 0n }],
      ['skin', { totalNsv: 2_000_000n, adjustmentsNsv: 0n }],
      ['extremity', { totalNsv: 12_000_000n, adjustmentsNsv: 0n }],
      ['fetal', { totalNsv: 300_000n, adjustmentsNsv: 0n }],
    ]);
    expect(form5Doses(sums)).toEqual({
      dde: { totalNsv: 1_500_000n, adjustmentsNsv: 200_000n },
      lde: { totalNsv: 400_000n, adjustmentsNsv: 0n },
      sdeWholeBody: { totalNsv: 2_000_000n, adjustmentsNsv: 0n },
      sdeExtremity: { totalNsv: 12_000_000n, adjustmentsNsv: 0n },
      cede: NO_DOSE,
      tede: { totalNsv: 1_500_000n, adjustmentsNsv: 200_000n },
      embryoFetus: { totalNsv: 300_000n, adjustmentsNsv: 0n },
    });
  });

  it('gives zero doses for a person without dose', () => {
    const doses = form5Doses(new Map());
    expect(Object.values(doses).every((d) => d.totalNsv === 0n)).toBe(true);
  });
});
