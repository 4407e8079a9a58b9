import type { BodyLocation } from '../badges/body-location.js';
import type { Registers } from './registers.js';

/** Record quantities of DESIGN.md §4. */
export const QUANTITIES = ['effective', 'skin', 'eyeLens', 'extremity', 'fetal'] as const;
export type Quantity = (typeof QUANTITIES)[number];

export type QuantityDoses = Partial<Record<Quantity, bigint>>;

/**
 * A single badge's contribution to each record quantity, by where it is worn (DESIGN.md §4
 * table): trunk hp10 → effective, hp007 → skin; collar hp10 → effective, hp007 → skin,
 * hp3 (else hp007) → eye lens; eye hp3 (else hp007) → eye lens; extremity hp007 →
 * extremity; fetal hp10 → fetal.
 */
export function singleBadgeDoses(location: BodyLocation, increments: Registers): QuantityDoses {
  const { hp10, hp007, hp3 } = increments;
  switch (location) {
    case 'trunk':
      return defined({ effective: hp10, skin: hp007 });
    case 'collar':
      return defined({ effective: hp10, skin: hp007, eyeLens: hp3 ?? hp007 });
    case 'eye':
      return defined({ eyeLens: hp3 ?? hp007 });
    case 'extremity':
      return defined({ extremity: hp007 });
    case 'fetal':
      return defined({ fetal: hp10 });
  }
}

function defined(doses: QuantityDoses): QuantityDoses {
  return Object.fromEntries(Object.entries(doses).filter(([, dose]) => dose !== undefined));
}
