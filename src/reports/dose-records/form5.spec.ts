import { form5Doses, NO_DOSE, type DoseSum } from './form5.js';

const sum = (totalNsv: bigint, adjustmentsNsv = 0n, priorNsv = 0n, estimatedNsv = 0n): DoseSum => ({
  totalNsv,
  adjustmentsNsv,
  priorNsv,
  estimatedNsv,
});

/**
 * NRC Form 5 fields from the record quantities: effective 1.5 mSv of which 0.2 adjusted (0.1
 * of it a prior dose from another employer), eye lens 0.4 of which 0.05 estimated, skin 2,
 * extremity 12, fetal 0.3 (nSv below). TEDE = DDE + CEDE with CEDE 0.
 */
describe('form5Doses', () => {
  it('maps each record quantity to its Form 5 field, TEDE = DDE', () => {
    const sums = new Map([
      ['effective', sum(1_500_000n, 200_000n, 100_000n)],
      ['eyeLens', sum(400_000n, 50_000n, 0n, 50_000n)],
      ['skin', sum(2_000_000n)],
      ['extremity', sum(12_000_000n)],
      ['fetal', sum(300_000n)],
    ]);
    expect(form5Doses(sums)).toEqual({
      dde: sum(1_500_000n, 200_000n, 100_000n),
      lde: sum(400_000n, 50_000n, 0n, 50_000n),
      sdeWholeBody: sum(2_000_000n),
      sdeExtremity: sum(12_000_000n),
      cede: NO_DOSE,
      tede: sum(1_500_000n, 200_000n, 100_000n),
      embryoFetus: sum(300_000n),
    });
  });

  it('gives zero doses for a person without dose', () => {
    const doses = form5Doses(new Map());
    expect(Object.values(doses).every((d) => d.totalNsv === 0n)).toBe(true);
  });
});
