import type { BodyLocation } from './body-location.js';
import { ONE, scaleHalfEven, type DecimalRatio } from '../common/decimal-ratio.js';
import { QUANTITIES, type Quantity } from '../common/quantities.js';
import type { Registers } from './registers.js';

export type QuantityDoses = Partial<Record<Quantity, bigint>>;

/** The profile's two-badge formula E = a·H(trunk) + b·H(collar) (DESIGN.md §4). */
export interface TwoBadgeFormula {
  trunk: DecimalRatio;
  collar: DecimalRatio;
}

/**
 * What one reading adds to each record quantity of its wearer (DESIGN.md §4), given where
 * the badge is worn and which locations the wearer's badges cover at that moment:
 * - trunk hp10 → effective, hp007 → skin; collar hp10 → effective, hp007 → skin,
 *   hp3 (else hp007) → eye lens; eye hp3 (else hp007) → eye lens; extremity hp007 →
 *   extremity; fetal hp10 → fetal;
 * - trunk and collar worn together: effective = a·H(trunk) + b·H(collar), reading by reading;
 * - never summed across badges worn at once for the other quantities: skin from the collar
 *   over the trunk, eye lens from the eye badge over the collar.
 * Coefficient × increment is rounded half to even at the nSv, so totals stay additive.
 */
export function readingDoses(
  location: BodyLocation,
  increments: Registers,
  worn: ReadonlySet<BodyLocation>,
  formula: TwoBadgeFormula,
): QuantityDoses {
  const { hp10, hp007, hp3 } = increments;
  const twoBadge = worn.has('trunk') && worn.has('collar');
  switch (location) {
    case 'trunk':
      return defined({
        effective: scaled(hp10, twoBadge ? formula.trunk : ONE),
        skin: worn.has('collar') ? undefined : hp007,
      });
    case 'collar':
      return defined({
        effective: scaled(hp10, twoBadge ? formula.collar : ONE),
        skin: hp007,
        eyeLens: worn.has('eye') ? undefined : (hp3 ?? hp007),
      });
    case 'eye':
      return defined({ eyeLens: hp3 ?? hp007 });
    case 'extremity':
      return defined({ extremity: hp007 });
    case 'fetal':
      return defined({ fetal: hp10 });
  }
}

function scaled(value: bigint | undefined, ratio: DecimalRatio): bigint | undefined {
  if (value === undefined) return undefined;
  return ratio === ONE ? value : scaleHalfEven(value, ratio);
}

/** The doses without the undefined ones (a loop: this runs for every reading). */
function defined(doses: QuantityDoses): QuantityDoses {
  const present: QuantityDoses = {};
  for (const quantity of QUANTITIES) {
    const dose = doses[quantity];
    if (dose !== undefined) present[quantity] = dose;
  }
  return present;
}

/** Column of each quantity's contribution on `reading`. */
export const DOSE_COLUMNS: Record<Quantity, string> = {
  effective: 'effective_nsv',
  skin: 'skin_nsv',
  eyeLens: 'eye_lens_nsv',
  extremity: 'extremity_nsv',
  fetal: 'fetal_nsv',
};
