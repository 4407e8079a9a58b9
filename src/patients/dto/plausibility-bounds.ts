import { Max, type ValidationOptions } from 'class-validator';

/**
 * Values beyond physical sense on a patient exposure event (DESIGN.md §5): the event is
 * rejected with the field and the bound named, so a gateway's unit slip (Gy·m² read as
 * Gy·cm², µGy as mGy) cannot hide a patient behind an absurd number. In the wire units of
 * §3.2. DAP, reference air kerma and DLP are DESIGN.md's; the others are our choice, each far
 * above any real examination and as far below a slip by a factor of 1000.
 */
export const PLAUSIBILITY_BOUNDS = {
  /** Gy·cm² (DESIGN.md §5: 10⁵). */
  dap: { max: 1e5, unit: 'Gy·cm²' },
  /** mGy: 100 Gy (DESIGN.md §5). */
  referenceAirKerma: { max: 1e5, unit: 'mGy' },
  /** mGy·cm (DESIGN.md §5: 10⁵). */
  dlp: { max: 1e5, unit: 'mGy·cm' },
  /** mGy: 100 Gy, as the reference air kerma (our choice). */
  peakSkinDose: { max: 1e5, unit: 'mGy' },
  /** mGy: 10 Gy in one acquisition (our choice). */
  ctdiVol: { max: 1e4, unit: 'mGy' },
  /** s: 24 hours of fluoroscopy (our choice). */
  fluoroTimeS: { max: 86_400, unit: 's' },
} as const;

export type BoundedField = keyof typeof PLAUSIBILITY_BOUNDS;

/** At most the field's plausibility bound, with a rejection reason that names both. */
export function WithinPlausibility(field: BoundedField, options?: ValidationOptions) {
  const { max, unit } = PLAUSIBILITY_BOUNDS[field];
  return Max(max, {
    ...options,
    message: `${field} $value ${unit} is above the plausibility bound of ${max} ${unit} (a unit slip?)`,
  });
}
