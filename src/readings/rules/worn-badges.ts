import type { BodyLocation } from '../body-location.js';

/**
 * What the wearer has on at a reading's measuredAt, from their badge assignments (DESIGN.md
 * §4): where their badges are worn, and whether they work in a protective apron. `apron` is
 * null when no assignment says: assignments made before the apron was recorded keep the rules
 * they were counted under (effective-dose.ts). `pregnant`: the wearer's fetal record runs.
 */
export interface WornBadges {
  locations: ReadonlySet<BodyLocation>;
  apron: boolean | null;
  /** Within a declared pregnancy's counted period (fetal-limit.ts): the fetal record runs. */
  pregnant: boolean;
}

/**
 * The badge under the apron that stands for the trunk (DESIGN.md §4): the trunk badge, else a
 * fetal badge, which "also serves as her under-apron badge for her own effective dose".
 */
export function underBadge(worn: WornBadges): BodyLocation | undefined {
  if (worn.locations.has('trunk')) return 'trunk';
  if (worn.locations.has('fetal')) return 'fetal';
  return undefined;
}
