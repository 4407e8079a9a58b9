import type { Quantity } from '../../common/quantities.js';
import type { NotMeasuredRecord } from './not-measured-record.js';

/** The record quantities a prior dose or an estimate gives (fetal follows from the mother's). */
export const NOT_MEASURED_QUANTITIES = [
  'effective',
  'eyeLens',
  'skin',
  'extremity',
] as const satisfies readonly Quantity[];
export type NotMeasuredQuantity = (typeof NOT_MEASURED_QUANTITIES)[number];

const FIELDS = {
  effective: 'effectiveNsv',
  eyeLens: 'eyeLensNsv',
  skin: 'skinNsv',
  extremity: 'extremityNsv',
} as const satisfies Record<NotMeasuredQuantity, keyof NotMeasuredRecord>;

/** SQL column of each quantity's nSv in `prior_dose` and `dose_estimate`. */
export const NSV_COLUMNS: Record<NotMeasuredQuantity, string> = {
  effective: 'effective_nsv',
  eyeLens: 'eye_lens_nsv',
  skin: 'skin_nsv',
  extremity: 'extremity_nsv',
};

/** The quantities a record gives, with their nSv (zero included), in NOT_MEASURED_QUANTITIES order. */
export function dosesOf(record: NotMeasuredRecord): [NotMeasuredQuantity, bigint][] {
  return NOT_MEASURED_QUANTITIES.flatMap((quantity) => {
    const nsv = record[FIELDS[quantity]];
    return nsv === null ? [] : [[quantity, nsv] as [NotMeasuredQuantity, bigint]];
  });
}

/** The record's columns from doses per quantity (a quantity left out: null). */
export function recordDoses(
  doses: Partial<Record<NotMeasuredQuantity, bigint>>,
): Pick<NotMeasuredRecord, (typeof FIELDS)[NotMeasuredQuantity]> {
  return {
    effectiveNsv: doses.effective ?? null,
    eyeLensNsv: doses.eyeLens ?? null,
    skinNsv: doses.skin ?? null,
    extremityNsv: doses.extremity ?? null,
  };
}
