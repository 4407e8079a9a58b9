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
 * The dose fields of NRC Form 5 ("Occupational Dose Record for a Monitoring Period") and of
 * each period line of NRC Form 4 ("Cumulative Occupational Dose History"), the forms on which
 * 10 CFR 20.2106 records of individual monitoring results may be kept, mapped from the record
 * quantities of DESIGN.md §4:
 * - DDE, deep-dose equivalent (Hp(10)) ← effective (two-badge formula where it applies);
 * - LDE, lens dose equivalent (Hp(3)) ← eyeLens;
 * - SDE,WB, shallow-dose equivalent to the whole body (Hp(0.07)) ← skin;
 * - SDE,ME, shallow-dose equivalent to the maximally exposed extremity ← extremity;
 * - CEDE, committed effective dose equivalent: this service monitors no intakes (no
 *   bioassay, no air sampling), so it is 0 and marked not monitored;
 * - TEDE = DDE + CEDE (10 CFR 20.1003) = DDE here.
 * The embryo/fetus dose of a declared pregnant worker (10 CFR 20.2106(e), kept with the
 * mother's record) ← fetal.
 */
export const FORM5_FIELDS = ['dde', 'lde', 'sdeWholeBody', 'sdeExtremity', 'cede', 'tede'] as const;
export type Form5Field = (typeof FORM5_FIELDS)[number];

export const FORM5_LABELS: Record<Form5Field | 'embryoFetus', string> = {
  dde: 'DDE',
  lde: 'LDE',
  sdeWholeBody: 'SDE,WB',
  sdeExtremity: 'SDE,ME',
  cede: 'CEDE',
  tede: 'TEDE',
  embryoFetus: 'Embryo/fetus',
};

export type Form5Doses = Record<Form5Field | 'embryoFetus', DoseSum>;

export function form5Doses(sums: ReadonlyMap<string, DoseSum>): Form5Doses {
  const of = (quantity: Quantity): DoseSum => sums.get(quantity) ?? NO_DOSE;
  const dde = of('effective');
  return {
    dde,
    lde: of('eyeLens'),
    sdeWholeBody: of('skin'),
    sdeExtremity: of('extremity'),
    cede: NO_DOSE,
    tede: dde,
    embryoFetus: of('fetal'),
  };
}

/** TEDE's words on every record: internal dose is not monitored here. */
export const TEDE_NOTE =
  'TEDE = DDE + CEDE (10 CFR 20.1003). No intakes are monitored by this service (no bioassay or air sampling), so CEDE is not assessed and shown as 0: TEDE equals DDE.';

export const FORMS_NOTE =
  'Kept per 10 CFR 20.2106 (records of individual monitoring results) with the fields of NRC Form 5 (dose for a monitoring period) and NRC Form 4 (cumulative dose history). 1 rem = 10 mSv.';

export const QUANTITY_NOTE =
  'DDE from the effective dose record (Hp(10); two-badge formula where a trunk and a collar badge are worn), LDE from eye lens (Hp(3)), SDE,WB from skin (Hp(0.07)), SDE,ME from extremity badges. Doses include dose adjustments, listed with their reasons.';

/** Said on a record that includes dose no badge here measured. */
export const NOT_MEASURED_NOTE =
  'Doses include dose not measured here, listed apart and counted among the adjustments: prior dose from other employers (10 CFR 20.2104; it reduces the dose allowed this year, 20.1201(f)), which an NRC Form 5 of this licensee alone would leave out, and estimates for periods no badge measured (2013/59/Euratom Art. 41(3)), an ESTIMATE on NRC Forms 4 and 5.';
