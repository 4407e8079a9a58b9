import { parseDecimal } from '../../common/decimal-ratio.js';
import type { BodyLocation } from '../body-location.js';
import type { Registers } from '../registers.js';
import type { DoseRules } from './dose-rules.js';
import { readingDoses, type QuantityDoses } from './reading-doses.js';

/**
 * The seeded profiles' rules (migration WorkerDoseRules), for worked scenarios: `us-nrc`
 * Webster 1.5/0.04 with a 0.3 single-collar factor, `eu` Niklason 0.94/0.06 with 1.
 */
export const RULES: Record<'us-nrc' | 'eu' | 'ncrp122', DoseRules> = {
  'us-nrc': {
    twoBadge: { under: parseDecimal('1.5'), over: parseDecimal('0.04') },
    collarOnly: parseDecimal('0.3'),
  },
  eu: {
    twoBadge: { under: parseDecimal('0.94'), over: parseDecimal('0.06') },
    collarOnly: parseDecimal('1'),
  },
  ncrp122: {
    twoBadge: { under: parseDecimal('0.5'), over: parseDecimal('0.025') },
    collarOnly: parseDecimal('1'),
  },
};

/** µSv to nSv, for scenarios written in µSv. */
export const uSv = (value: number): bigint => BigInt(Math.round(value * 1000));

/**
 * Each badge's reading over the same interval, worn together with or without an apron (and
 * within a declared pregnancy or not), and the sum of their contributions per quantity: what
 * the wearer's record gets.
 */
export function wearerDoses(
  badges: Partial<Record<BodyLocation, Registers>>,
  apron: boolean | null,
  rules: DoseRules,
  pregnant = false,
): QuantityDoses {
  const worn = { locations: new Set(Object.keys(badges) as BodyLocation[]), apron, pregnant };
  const total: QuantityDoses = {};
  for (const [location, increments] of Object.entries(badges) as [BodyLocation, Registers][])
    for (const [quantity, nsv] of Object.entries(readingDoses(location, increments, worn, rules)))
      total[quantity as keyof QuantityDoses] = (total[quantity as keyof QuantityDoses] ?? 0n) + nsv;
  return total;
}
