import type { Measurement } from './content-items.js';

/**
 * The quantities a dose report carries, and the unit each is stored in (DESIGN.md §3.2):
 * air kerma and CTDIvol in mGy, DLP in mGy·cm, DAP in Gy·cm², times in s, lengths in mm.
 */
export type Quantity = 'dose' | 'dlp' | 'dap' | 'time' | 'length';

/**
 * Factors from a unit to the stored one, keyed by the UCUM code (PS3.16 CID 7181 and the
 * templates' units: DAP `Gy.m2`, dose `Gy` or `mGy`, DLP `mGy.cm`, time `s`, length `mm`)
 * squeezed: lower case, no blanks, dots, `*`, `·` or `^`, µ as `u` — so `mGycm`, `mGy*cm`,
 * `Gy·m²` and `uGy.m2` all resolve. 1 Gy·m² = 10⁴ Gy·cm²; 1 Gy = 1000 mGy.
 */
const FACTORS: Record<Quantity, Record<string, number>> = {
  dose: { gy: 1000, dgy: 100, cgy: 10, mgy: 1, ugy: 0.001 },
  dlp: { mgycm: 1, gycm: 1000, cgycm: 10, mgymm: 0.1, ugycm: 0.001, mgym: 100 },
  dap: {
    gym2: 1e4,
    dgym2: 1e3,
    cgym2: 100,
    mgym2: 10,
    ugym2: 0.01,
    gycm2: 1,
    dgycm2: 0.1,
    cgycm2: 0.01,
    mgycm2: 0.001,
    ugycm2: 1e-6,
  },
  time: { s: 1, sec: 1, ms: 0.001, min: 60, h: 3600 },
  length: { mm: 1, cm: 10, m: 1000 },
};

export function squeezeUnit(unit: string): string {
  return unit
    .normalize('NFKC') // ² → 2
    .replace(/[µμ]/g, 'u')
    .toLowerCase()
    .replace(/[\s.*·^]/g, '');
}

/**
 * A measurement in the stored unit; a string naming why not when its unit is not one of
 * this quantity's (the value is then left out, the rest of the report kept).
 */
export function inStoredUnit(
  measurement: Measurement,
  quantity: Quantity,
  /** The unit the template prescribes, assumed when the report leaves the unit out. */
  templateUnit: string,
): number | string {
  const given = measurement.unit?.value ?? measurement.unit?.meaning;
  const key = squeezeUnit(given ?? templateUnit);
  const factor = FACTORS[quantity][key];
  if (factor === undefined) return `unit ${JSON.stringify(given)} is not a ${quantity} unit`;
  return measurement.value * factor;
}

/** Rounds away the float noise of a unit conversion (the stored unit keeps millionths). */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}
