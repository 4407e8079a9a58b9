/**
 * What a dose adjustment is (its row in `dose_adjustment`, DESIGN.md §4 and §7):
 * - `correction`: a signed correction of recorded dose, entered as such;
 * - `priorDose`: one quantity of a dose received at another employer (not-measured/prior-dose.entity.ts);
 * - `estimate`: one quantity of an estimate for a period no badge measured (not-measured/dose-estimate.entity.ts);
 * - `reattribution`: dose a corrected assignment moved with its readings (reattribution-records.ts).
 * The first three count in the daily totals alike, the kind saying where the dose came from.
 * A `reattribution` is listed, never added: the re-attributed readings carry that dose already.
 */
export const ADJUSTMENT_KINDS = ['correction', 'priorDose', 'estimate', 'reattribution'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/** The kinds that count in the totals. */
export const COUNTED_KINDS = [
  'correction',
  'priorDose',
  'estimate',
] as const satisfies AdjustmentKind[];

/** Whether an adjustment of this kind counts in the totals. */
export const counts = (kind: AdjustmentKind): boolean => kind !== 'reattribution';

/** The SQL condition on `kind` of the adjustments that count in the totals (the ledger's). */
export { COUNTED_ADJUSTMENTS as COUNTED_KIND_SQL } from '../ledger/counted-adjustments.js';
