import type { Quantity } from '../../common/quantities.js';
import { nanosievertsToMillisieverts } from '../../common/dose-units.js';
import type { EuRecordDoseDto } from '../dto/eu-dose-record.dto.js';
import { NO_DOSE, type DoseSum, type Form5Facts } from './nrc-form5.js';

/**
 * The individual dose record of Council Directive 2013/59/Euratom for `eu` workers: Art. 43
 * (a record of the results of individual monitoring for each category A worker, and B where
 * monitored) with the data of Annex X, Section A (identity, the undertaking, the category, the
 * monitoring periods and the results: effective dose, and the equivalent doses to the lens,
 * skin and extremities, in mSv) and Section B, point 2 (an outside worker's dose received at
 * other undertakings). Estimated doses (Art. 41(3)) are flagged.
 */
export const EU_RECORD =
  'Individual dose record, Council Directive 2013/59/Euratom Art. 43 and Annex X';

/** The record's results, in the order of Annex X: effective, then the equivalent doses. */
export const EU_QUANTITIES: readonly Quantity[] = ['effective', 'eyeLens', 'skin', 'extremity'];

/**
 * Each quantity's dose for the year: the ledger's sum (all undertakings), this undertaking's
 * part and the other undertakings' (prior doses), the estimated part. Not monitored and no
 * dose: null, never 0 (DESIGN.md §4). The fetal dose only within a declared pregnancy.
 */
export function euRecordDoses(facts: Form5Facts): EuRecordDoseDto[] {
  const quantities = facts.pregnant ? [...EU_QUANTITIES, 'fetal' as const] : EU_QUANTITIES;
  return quantities.map((quantity) => {
    const sum = facts.sums.get(quantity) ?? NO_DOSE;
    const monitored = facts.monitored.has(quantity) || (quantity === 'fetal' && facts.pregnant);
    const recorded = monitored || sum.totalNsv !== 0n;
    const mSv = (nsv: bigint) => (recorded ? nanosievertsToMillisieverts(nsv) : null);
    return {
      quantity,
      monitored,
      mSv: mSv(sum.totalNsv),
      thisUndertakingMSv: mSv(sum.totalNsv - sum.priorNsv),
      otherUndertakingsMSv: nanosievertsToMillisieverts(sum.priorNsv),
      estimatedMSv: nanosievertsToMillisieverts(sum.estimatedNsv),
      adjustmentsMSv: nanosievertsToMillisieverts(sum.adjustmentsNsv),
    };
  });
}

/** The facts of several years together: sums added, monitored and pregnant in any. */
export function addFacts(years: readonly Form5Facts[]): Form5Facts {
  const sums = new Map<string, DoseSum>();
  for (const year of years)
    for (const [quantity, sum] of year.sums) {
      const before = sums.get(quantity) ?? NO_DOSE;
      sums.set(quantity, {
        totalNsv: before.totalNsv + sum.totalNsv,
        adjustmentsNsv: before.adjustmentsNsv + sum.adjustmentsNsv,
        priorNsv: before.priorNsv + sum.priorNsv,
        estimatedNsv: before.estimatedNsv + sum.estimatedNsv,
      });
    }
  return {
    sums,
    wholeBodyHp10Nsv: years.reduce((total, year) => total + year.wholeBodyHp10Nsv, 0n),
    monitored: new Set(years.flatMap((year) => [...year.monitored])),
    pregnant: years.some((year) => year.pregnant),
  };
}
