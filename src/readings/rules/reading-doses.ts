import type { BodyLocation } from '../body-location.js';
import { ONE, scaleHalfEven, type DecimalRatio } from '../../common/decimal-ratio.js';
import { QUANTITIES, type Quantity } from '../../common/quantities.js';
import type { Registers } from '../registers.js';
import type { DoseRules } from './dose-rules.js';
import { effectiveFactor } from './effective-dose.js';
import type { WornBadges } from './worn-badges.js';

export type QuantityDoses = Partial<Record<Quantity, bigint>>;

/**
 * What one reading adds to each record quantity of its wearer (DESIGN.md §4), given where its
 * badge is worn and what the wearer has on at that moment. Never two badges for one quantity:
 * - effective: effective-dose.ts (apron, two-badge algorithm, single collar factor);
 * - skin, Hp(0.07): the collar, else the trunk, else the fetal badge;
 * - eye lens, Hp(3) else Hp(0.07): the eye badge, else the collar, else a trunk badge worn
 *   with no apron; else it is not monitored (exposure shows so, never 0);
 * - extremity, Hp(0.07): each extremity badge, kept per side (ledger/extremity-sides.ts);
 * - fetal, Hp(10), within a declared pregnancy's counted period: the fetal badge, else the
 *   trunk badge under (or without) the apron: the declared pregnant woman's deep dose is the
 *   embryo/fetus dose (10 CFR 20.1208(c)(1)). A declaration re-derives her readings
 *   (pregnancy.service.ts), so one dated back to conception counts what came before.
 * Coefficient × increment is rounded half to even at the nSv, so totals stay additive.
 */
export function readingDoses(
  location: BodyLocation,
  increments: Registers,
  worn: WornBadges,
  rules: DoseRules,
): QuantityDoses {
  const { hp10, hp007, hp3 } = increments;
  const has = (other: BodyLocation) => worn.locations.has(other);
  const factor = effectiveFactor(location, worn, rules);
  return defined({
    effective: factor ? scaled(hp10, factor) : undefined,
    skin: location === skinBadge(worn) ? hp007 : undefined,
    eyeLens: location === eyeLensBadge(worn) ? (hp3 ?? hp007) : undefined,
    extremity: location === 'extremity' ? hp007 : undefined,
    fetal:
      worn.pregnant && (location === 'fetal' || (location === 'trunk' && !has('fetal')))
        ? hp10
        : undefined,
  });
}

/** The badge whose Hp(0.07) is the skin dose: the collar, else the trunk, else the fetal one. */
export function skinBadge(worn: WornBadges): BodyLocation | undefined {
  return (['collar', 'trunk', 'fetal'] as const).find((location) => worn.locations.has(location));
}

/**
 * The badge whose Hp(3) is the lens dose: the eye badge, else the collar, else a trunk badge
 * known to be worn without an apron (under one, it says nothing of the head).
 */
export function eyeLensBadge(worn: WornBadges): BodyLocation | undefined {
  if (worn.locations.has('eye')) return 'eye';
  if (worn.locations.has('collar')) return 'collar';
  if (worn.locations.has('trunk') && worn.apron === false) return 'trunk';
  return undefined;
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
