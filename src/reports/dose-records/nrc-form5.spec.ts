import type { Quantity } from '../../common/quantities.js';
import { form5Boxes, type DoseSum } from './nrc-form5.js';

const sum = (totalNsv: bigint, parts: Partial<DoseSum> = {}): DoseSum => ({
  totalNsv,
  adjustmentsNsv: 0n,
  priorNsv: 0n,
  estimatedNsv: 0n,
  ...parts,
});

describe('NRC Form 5 boxes', () => {
  it('takes DDE from the most exposed whole-body badge and EDEX from the effective dose', () => {
    // Webster: 1.5 × 200 µSv under + 0.04 × 3000 µSv over = 420 µSv EDEX; collar 3000 µSv DDE.
    const boxes = form5Boxes({
      sums: new Map([['effective', sum(420_000n)]]),
      wholeBodyHp10Nsv: 3_000_000n,
      monitored: new Set<Quantity>(['effective', 'skin', 'eyeLens']),
      pregnant: false,
    });
    expect(boxes.edex.nsv).toBe(420_000n);
    expect(boxes.dde.nsv).toBe(3_000_000n);
    expect(boxes.tede).toEqual(boxes.edex);
    expect(boxes.tode).toEqual(boxes.dde);
    expect([boxes.lde.mark, boxes.sdeWholeBody.mark]).toEqual(['ND', 'ND']);
    expect([boxes.sdeExtremity.mark, boxes.cede.mark, boxes.cde.mark]).toEqual(['NR', 'NR', 'NR']);
    expect(boxes.embryoFetus.mark).toBe('NR');
  });

  it('leaves prior dose out, keeps estimates and adds effective adjustments to DDE', () => {
    const effective = sum(1_500_000n, {
      adjustmentsNsv: 1_300_000n,
      priorNsv: 1_000_000n,
      estimatedNsv: 300_000n,
    });
    const boxes = form5Boxes({
      sums: new Map([['effective', effective]]),
      wholeBodyHp10Nsv: 200_000n,
      monitored: new Set<Quantity>(['effective']),
      pregnant: true,
    });
    expect(boxes.edex).toEqual({
      nsv: 500_000n,
      mark: null,
      adjustmentsNsv: 300_000n,
      estimatedNsv: 300_000n,
      priorExcludedNsv: 1_000_000n,
    });
    expect(boxes.dde.nsv).toBe(500_000n);
    expect(boxes.embryoFetus.mark).toBe('ND');
  });
});
