import type { DoseQuantitiesMSv } from '../../adjustments/dto/not-measured.dto.js';
import type { Quantity } from '../../common/quantities.js';
import { millisievertsToNanosieverts } from '../../common/dose-units.js';
import { FORM5_BOXES, type Form5Box, type Form5Value } from './nrc-form5.js';

/**
 * NRC Form 4, "Cumulative Occupational Dose History" (OMB No. 3150-0005; filled as NRC
 * Regulatory Guide 8.7 Rev. 4, May 2018, describes): one line per monitoring period, at this
 * licensee or a prior employer (10 CFR 20.2104), with the dose boxes of NRC Form 5 (11A EDEX
 * to 18 TODE), and the lifetime totals of each.
 */
export const NRC_FORM4 = 'NRC Form 4 (OMB No. 3150-0005), per Reg. Guide 8.7 Rev. 4 (May 2018)';

export type Form5Values = Record<Form5Box, Form5Value>;

const given = (nsv: bigint | null, recorded: boolean): Form5Value => ({
  nsv: recorded && nsv !== 0n ? nsv : null,
  mark: !recorded ? 'NR' : nsv === 0n ? 'ND' : null,
  adjustmentsNsv: 0n,
  estimatedNsv: 0n,
  priorExcludedNsv: 0n,
});

/**
 * A prior employer's period as its dose record gave it (POST /people/:id/prior-doses): the
 * effective dose is its EDEX and, no other whole-body figure being kept, its DDE; the lens,
 * skin and extremity doses its LDE, SDE,WB and SDE,ME; a quantity not given is NR, as are
 * CEDE and CDE (intakes are not recorded here).
 */
export function priorEmployerBoxes(quantities: DoseQuantitiesMSv): Form5Values {
  const box = (quantity: Quantity & keyof DoseQuantitiesMSv) => {
    const mSv = quantities[quantity];
    return given(mSv === undefined ? null : millisievertsToNanosieverts(mSv), mSv !== undefined);
  };
  const edex = box('effective');
  return {
    edex,
    dde: edex,
    lde: box('eyeLens'),
    sdeWholeBody: box('skin'),
    sdeExtremity: box('extremity'),
    cede: given(null, false),
    cde: given(null, false),
    tede: edex,
    tode: edex,
  };
}

/** Each box summed over the lines: NR when every line is NR, ND when the sum is 0. */
export function lifetimeTotals(lines: readonly Form5Values[]): Form5Values {
  const totals = {} as Form5Values;
  for (const name of FORM5_BOXES) {
    const values = lines.map((line) => line[name]);
    const sum = (pick: (value: Form5Value) => bigint) =>
      values.reduce((total, value) => total + pick(value), 0n);
    const recorded = values.some((value) => value.mark !== 'NR');
    totals[name] = {
      ...given(
        sum((value) => value.nsv ?? 0n),
        recorded,
      ),
      adjustmentsNsv: sum((value) => value.adjustmentsNsv),
      estimatedNsv: sum((value) => value.estimatedNsv),
    };
  }
  return totals;
}
