import { ONE, type DecimalRatio } from '../../common/decimal-ratio.js';
import type { BodyLocation } from '../body-location.js';
import type { DoseRules } from './dose-rules.js';
import { underBadge, type WornBadges } from './worn-badges.js';

/**
 * The factor of this badge's Hp(10) in the wearer's effective dose (DESIGN.md §4), or
 * undefined when this badge does not count for it. Linear rules, so they apply reading by
 * reading and totals stay additive; never two badges summed at factor 1.
 *
 * With an apron (`apron: true`):
 * - collar over + trunk or fetal under: the profile's two-badge algorithm;
 * - collar only: the profile's single-collar factor;
 * - trunk (or fetal) only: H(under), the apron's monitoring gap (monitoring-gap.ts).
 * Without one (`apron: false`): H(trunk), else H(fetal), else H(collar), which is then worn
 * on the body with nothing over it.
 * Not recorded (`apron: null`, assignments made before the flag): the rules those doses were
 * counted under, kept so a migration does not change them: trunk and collar together by the
 * two-badge algorithm, either alone at factor 1, a fetal badge for the fetal dose only.
 */
export function effectiveFactor(
  location: BodyLocation,
  worn: WornBadges,
  rules: DoseRules,
): DecimalRatio | undefined {
  if (location === 'eye' || location === 'extremity') return undefined;
  const collar = worn.locations.has('collar');
  if (worn.apron === null) return legacyFactor(location, worn, rules);
  const under = underBadge(worn);
  if (worn.apron) {
    if (location === 'collar') return under ? rules.twoBadge.over : rules.collarOnly;
    if (location !== under) return undefined;
    return collar ? rules.twoBadge.under : ONE;
  }
  if (location === 'collar') return under ? undefined : ONE;
  return location === under ? ONE : undefined;
}

function legacyFactor(
  location: BodyLocation,
  worn: WornBadges,
  rules: DoseRules,
): DecimalRatio | undefined {
  const twoBadge = worn.locations.has('trunk') && worn.locations.has('collar');
  if (location === 'trunk') return twoBadge ? rules.twoBadge.under : ONE;
  if (location === 'collar') return twoBadge ? rules.twoBadge.over : ONE;
  return undefined;
}
