import type { Rows } from '../database/pipelined.js';
import type { DayRange } from '../calendar/periods.js';
import {
  notMeasuredParts,
  type NotMeasuredPart,
  type NotMeasuredRow,
} from '../adjustments/not-measured/not-measured-parts.js';
import { nanosievertsToMillisieverts } from '../common/dose-units.js';
import type { NotMeasuredDoseDto } from './dto/exposure.dto.js';

/** The periods of the exposure answer a prior dose or estimate is flagged in. */
const FLAGGED_PERIODS = [
  'quarter',
  'year',
  'rolling12Months',
  'rolling5Years',
  'lifetime',
  'pregnancy',
];

/**
 * The exposure answer's `notMeasured` field of each quantity (DESIGN.md §4: dose no badge
 * measured is flagged wherever doses are shown): for each period that includes a prior dose
 * or an estimate of the quantity, the part of its dose that was prior (other employers) or
 * estimated, in mSv. Quantities without such dose get no field.
 */
export function notMeasuredFields(
  rows: Rows,
  periods: ReadonlyMap<string, DayRange>,
): (quantity: string) => { notMeasured?: Record<string, NotMeasuredDoseDto> } {
  const flagged = new Map([...periods].filter(([name]) => FLAGGED_PERIODS.includes(name)));
  const parts: ReadonlyMap<string, ReadonlyMap<string, NotMeasuredPart>> = notMeasuredParts(
    rows.rows as unknown as NotMeasuredRow[],
    flagged,
  );
  return (quantity) => {
    const byPeriod = parts.get(quantity);
    if (!byPeriod) return {};
    const notMeasured: Record<string, NotMeasuredDoseDto> = {};
    for (const [period, part] of byPeriod)
      notMeasured[period] = {
        priorMSv: nanosievertsToMillisieverts(part.priorNsv),
        estimatedMSv: nanosievertsToMillisieverts(part.estimatedNsv),
      };
    return { notMeasured };
  };
}
