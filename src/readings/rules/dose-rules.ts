import type { DecimalRatio } from '../../common/decimal-ratio.js';

/**
 * A profile's rules for effective dose from badges (DESIGN.md §4), data in `dose_profile` and
 * `two_badge_algorithm`, each row citing its source (migration WorkerDoseRules):
 * - `twoBadge`: E = under·H(under the apron) + over·H(collar, over the apron);
 * - `collarOnly`: E = factor·H(collar) for an apron wearer with only a collar badge.
 */
export interface DoseRules {
  twoBadge: { under: DecimalRatio; over: DecimalRatio };
  collarOnly: DecimalRatio;
}
