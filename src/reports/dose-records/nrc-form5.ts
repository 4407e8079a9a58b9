import type { Quantity } from '../../common/quantities.js';

/**
 * One quantity's dose of a period: the total (readings and adjustments), the adjustments'
 * part, and of that part what prior doses and estimates booked (dose no badge here measured).
 */
export interface DoseSum {
  totalNsv: bigint;
  adjustmentsNsv: bigint;
  priorNsv: bigint;
  estimatedNsv: bigint;
}

export const NO_DOSE: DoseSum = {
  totalNsv: 0n,
  adjustmentsNsv: 0n,
  priorNsv: 0n,
  estimatedNsv: 0n,
};

/**
 * NRC Form 5, "Occupational Dose Record for a Monitoring Period", the revision approved under
 * OMB No. 3150-0006 (information collection 202311-3150-006), filled in as NRC Regulatory
 * Guide 8.7 Rev. 4 (May 2018, ML17221A245), "Instructions for Recording and Reporting
 * Occupational Radiation Dose Data", describes. Its dose boxes, in rem:
 * 11A EDEX, 11B DDE, 12 LDE, 13 SDE,WB, 14 SDE,ME, 15 CEDE, 16 CDE, 17 TEDE, 18 TODE.
 */
export const NRC_FORM5 =
  'NRC Form 5 (OMB No. 3150-0006, ICR 202311-3150-006), per Reg. Guide 8.7 Rev. 4 (May 2018)';

export const FORM5_BOXES = [
  'edex',
  'dde',
  'lde',
  'sdeWholeBody',
  'sdeExtremity',
  'cede',
  'cde',
  'tede',
  'tode',
] as const;
export type Form5Box = (typeof FORM5_BOXES)[number];

/** Box number and the form's abbreviation. */
export const FORM5_BOX_NAMES: Record<Form5Box, [string, string]> = {
  edex: ['11A', 'EDEX'],
  dde: ['11B', 'DDE'],
  lde: ['12', 'LDE'],
  sdeWholeBody: ['13', 'SDE,WB'],
  sdeExtremity: ['14', 'SDE,ME'],
  cede: ['15', 'CEDE'],
  cde: ['16', 'CDE'],
  tede: ['17', 'TEDE'],
  tode: ['18', 'TODE'],
};

/**
 * What a box says: a dose, or NR (not required: nothing here monitors that dose for this
 * person) or ND (not detectable: monitored, and nothing registered). No reporting threshold
 * is applied: any registered dose, however small, is written as a number.
 */
export type BoxMark = 'NR' | 'ND';

export interface Form5Value {
  /** The dose written in the box (nSv), this licensee's only; null when marked. */
  nsv: bigint | null;
  mark: BoxMark | null;
  /** Of the dose written, what dose adjustments added, and of that what was estimated. */
  adjustmentsNsv: bigint;
  estimatedNsv: bigint;
  /** Prior dose at other employers in the ledger's sum, left out of the box (Form 4 has it). */
  priorExcludedNsv: bigint;
}

/** The facts of a monitoring year the boxes are filled from. */
export interface Form5Facts {
  /** The ledger's sums per record quantity for the year (readings and adjustments). */
  sums: ReadonlyMap<string, DoseSum>;
  /**
   * The most exposed part of the whole body: the largest of the year's Hp(10) sums of the
   * person's trunk, collar and fetal (waist) badges, from their readings (nSv).
   */
  wholeBodyHp10Nsv: bigint;
  /** The record quantities some badge the person wore in the year measures. */
  monitored: ReadonlySet<Quantity>;
  /** A declared pregnancy runs within the year: the embryo/fetus dose is kept. */
  pregnant: boolean;
}

const markedOr = (value: Omit<Form5Value, 'mark'>, monitored: boolean): Form5Value =>
  value.nsv === 0n
    ? { ...value, nsv: null, mark: monitored ? 'ND' : 'NR' }
    : { ...value, mark: null };

/** A record quantity's box: the ledger's sum less other employers' prior dose. */
function quantityBox(
  facts: Form5Facts,
  quantity: Quantity,
  monitored = facts.monitored.has(quantity),
): Form5Value {
  const sum = facts.sums.get(quantity) ?? NO_DOSE;
  return markedOr(
    {
      nsv: sum.totalNsv - sum.priorNsv,
      adjustmentsNsv: sum.adjustmentsNsv - sum.priorNsv,
      estimatedNsv: sum.estimatedNsv,
      priorExcludedNsv: sum.priorNsv,
    },
    monitored || sum.totalNsv !== sum.priorNsv,
  );
}

const NOT_MONITORED: Form5Value = {
  nsv: null,
  mark: 'NR',
  adjustmentsNsv: 0n,
  estimatedNsv: 0n,
  priorExcludedNsv: 0n,
};

/**
 * The dose boxes of one monitoring year (10 CFR 20.1003 for the sums):
 * - EDEX ← `effective`: the two-badge effective dose equivalent where an apron rule applies
 *   (readings/rules), else the trunk badge's Hp(10), i.e. the DDE;
 * - DDE ← the most exposed part of the whole body (10 CFR 20.1201(c)): the largest Hp(10)
 *   sum of the trunk, collar and fetal badges, plus the dose adjustments booked on
 *   `effective` (no badge split is known for them). Without an apron it equals EDEX;
 * - LDE ← `eyeLens`, SDE,WB ← `skin`, SDE,ME ← `extremity` (most exposed hand already);
 * - CEDE and CDE: no intakes are monitored here (no bioassay, no air sampling): NR;
 * - TEDE = EDEX + CEDE, TODE = DDE + CDE (10 CFR 20.1003), CEDE and CDE counting 0.
 * Prior dose from other employers is left out of every box: a Form 5 is this licensee's
 * record for its own monitoring period; the prior periods are lines of NRC Form 4.
 */
export function form5Boxes(facts: Form5Facts): Record<Form5Box, Form5Value> & {
  embryoFetus: Form5Value;
} {
  const edex = quantityBox(facts, 'effective');
  const effective = facts.sums.get('effective') ?? NO_DOSE;
  const adjustmentsNsv = effective.adjustmentsNsv - effective.priorNsv;
  const dde = markedOr(
    {
      nsv: facts.wholeBodyHp10Nsv + adjustmentsNsv,
      adjustmentsNsv,
      estimatedNsv: effective.estimatedNsv,
      priorExcludedNsv: effective.priorNsv,
    },
    edex.mark !== 'NR',
  );
  const fetal = quantityBox(facts, 'fetal', facts.pregnant);
  return {
    edex,
    dde,
    lde: quantityBox(facts, 'eyeLens'),
    sdeWholeBody: quantityBox(facts, 'skin'),
    sdeExtremity: quantityBox(facts, 'extremity'),
    cede: NOT_MONITORED,
    cde: NOT_MONITORED,
    tede: edex,
    tode: dde,
    // Kept with the mother's record (10 CFR 20.2106(e)); not a box of the form.
    embryoFetus: fetal,
  };
}
