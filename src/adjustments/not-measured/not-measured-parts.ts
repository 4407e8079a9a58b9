import type { DayRange } from '../../calendar/periods.js';
import type { Statement } from '../../database/pipelined.js';
import {
  NOT_MEASURED_QUANTITIES,
  NSV_COLUMNS,
  type NotMeasuredQuantity,
} from './not-measured-quantities.js';

/** One prior dose or estimate: its booking day and nSv per quantity as text (null: not given). */
export type NotMeasuredRow = { kind: 'priorDose' | 'estimate'; day: string } & Record<
  NotMeasuredQuantity,
  string | null
>;

const SELECT_LIST = [
  'period_to::text AS day',
  ...NOT_MEASURED_QUANTITIES.map((q) => `${NSV_COLUMNS[q]}::text AS "${q}"`),
].join(', ');

/**
 * A person's prior doses and estimates booked on or before `asOfDay` (on the period's last
 * day, ledger-booking.ts). Prepared: the exposure answer sends it with its other reads.
 */
export const notMeasuredStatement = (personId: string, asOfDay: string): Statement => ({
  text: `SELECT 'priorDose' AS kind, ${SELECT_LIST} FROM prior_dose WHERE person_id = $1 AND period_to <= $2
UNION ALL
SELECT 'estimate' AS kind, ${SELECT_LIST} FROM dose_estimate WHERE person_id = $1 AND period_to <= $2`,
  values: [personId, asOfDay],
  prepare: true,
});

/** The part of a period's dose that no badge here measured, in nSv. */
export interface NotMeasuredPart {
  priorNsv: bigint;
  estimatedNsv: bigint;
}

/**
 * Per quantity, the periods (of `periods`) that include a prior dose or an estimate giving
 * that quantity, with its prior and estimated parts: a record that gives 0 still marks the
 * period (a dose not measured here, found to be zero). Periods without one are left out.
 */
export function notMeasuredParts(
  rows: readonly NotMeasuredRow[],
  periods: ReadonlyMap<string, DayRange>,
): Map<NotMeasuredQuantity, Map<string, NotMeasuredPart>> {
  const parts = new Map<NotMeasuredQuantity, Map<string, NotMeasuredPart>>();
  for (const row of rows) {
    for (const quantity of NOT_MEASURED_QUANTITIES) {
      const given = row[quantity];
      if (given === null) continue;
      const nsv = BigInt(given);
      for (const [period, { first, last }] of periods) {
        if (row.day < first || row.day > last) continue;
        let byPeriod = parts.get(quantity);
        if (!byPeriod) parts.set(quantity, (byPeriod = new Map<string, NotMeasuredPart>()));
        const part = byPeriod.get(period) ?? { priorNsv: 0n, estimatedNsv: 0n };
        byPeriod.set(period, {
          priorNsv: part.priorNsv + (row.kind === 'priorDose' ? nsv : 0n),
          estimatedNsv: part.estimatedNsv + (row.kind === 'estimate' ? nsv : 0n),
        });
      }
    }
  }
  return parts;
}
