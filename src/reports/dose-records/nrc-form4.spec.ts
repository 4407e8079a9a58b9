import { form5Boxes } from './nrc-form5.js';
import { lifetimeTotals, priorEmployerBoxes } from './nrc-form4.js';

describe('NRC Form 4 lines', () => {
  it("writes a prior employer's doses in the boxes, NR where none was given", () => {
    const prior = priorEmployerBoxes({ effective: 2, skin: 0 });
    expect([prior.edex.nsv, prior.dde.nsv, prior.tede.nsv]).toEqual([
      2_000_000n,
      2_000_000n,
      2_000_000n,
    ]);
    expect([prior.sdeWholeBody.mark, prior.lde.mark, prior.cede.mark]).toEqual(['ND', 'NR', 'NR']);
  });

  it('sums each box over the lines, NR only when no line has it', () => {
    const here = form5Boxes({
      sums: new Map([
        ['effective', { totalNsv: 500n, adjustmentsNsv: 100n, priorNsv: 0n, estimatedNsv: 100n }],
      ]),
      wholeBodyHp10Nsv: 900n,
      monitored: new Set(['effective' as const]),
      pregnant: false,
    });
    const totals = lifetimeTotals([priorEmployerBoxes({ effective: 0.001 }), here]);
    expect(totals.edex).toMatchObject({ nsv: 1500n, adjustmentsNsv: 100n, estimatedNsv: 100n });
    expect(totals.dde.nsv).toBe(2000n);
    expect([totals.lde.mark, totals.cde.mark]).toEqual(['NR', 'NR']);
  });
});
