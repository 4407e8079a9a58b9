/**
 * What a dose adjustment is (its row in `dose_adjustment`, DESIGN.md §4 and §7):
 * - `correction`: a signed correction of recorded dose, entered as such;
 * - `priorDose`: one quantity of a dose received at another employer (not-measured/prior-dose.entity.ts);
 * - `estimate`: one quantity of an estimate for a period no badge measured (not-measured/dose-estimate.entity.ts).
 * Every kind counts in the daily totals alike; the kind says where the dose came from.
 */
export const ADJUSTMENT_KINDS = ['correction', 'priorDose', 'estimate'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
