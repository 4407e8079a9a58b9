import type { Quantity } from '../../common/quantities.js';
import { addFacts, euRecordDoses } from './eu-record.js';
import type { Form5Facts } from './nrc-form5.js';

const facts = (more: Partial<Form5Facts>): Form5Facts => ({
  sums: new Map(),
  wholeBodyHp10Nsv: 0n,
  monitored: new Set<Quantity>(),
  pregnant: false,
  ...more,
});

describe('EU record results', () => {
  it('gives every undertaking’s dose, the other undertakings’ part and null when not monitored', () => {
    const doses = euRecordDoses(
      facts({
        sums: new Map([
          [
            'effective',
            {
              totalNsv: 1_500_000n,
              adjustmentsNsv: 1_000_000n,
              priorNsv: 1_000_000n,
              estimatedNsv: 0n,
            },
          ],
        ]),
        monitored: new Set<Quantity>(['effective', 'skin']),
      }),
    );
    expect(doses.map((dose) => [dose.quantity, dose.mSv, dose.thisUndertakingMSv])).toEqual([
      ['effective', 1.5, 0.5],
      ['eyeLens', null, null],
      ['skin', 0, 0],
      ['extremity', null, null],
    ]);
    expect(doses[0].otherUndertakingsMSv).toBe(1);
  });

  it('adds the fetal dose in a pregnancy, and sums years', () => {
    const year = facts({
      sums: new Map([
        ['fetal', { totalNsv: 300n, adjustmentsNsv: 0n, priorNsv: 0n, estimatedNsv: 0n }],
      ]),
      pregnant: true,
    });
    const both = addFacts([year, facts({ monitored: new Set<Quantity>(['extremity']) })]);
    const doses = euRecordDoses(both);
    expect(doses.map((dose) => dose.quantity)).toEqual([
      'effective',
      'eyeLens',
      'skin',
      'extremity',
      'fetal',
    ]);
    expect([doses[3].mSv, doses[4].mSv]).toEqual([0, 0.0003]);
  });
});
