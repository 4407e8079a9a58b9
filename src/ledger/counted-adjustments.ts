/**
 * The dose adjustments that count in the totals: every kind but `reattribution`, which lists
 * dose its re-attributed readings carry already (adjustments/adjustment-kind.ts).
 */
export const COUNTED_ADJUSTMENTS = `kind <> 'reattribution'`;
