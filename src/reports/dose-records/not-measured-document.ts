import type { DoseEstimateDto, PriorDoseDto } from '../../adjustments/dto/not-measured.dto.js';
import { mSvText } from '../render/numbers.js';
import type { ReportTable } from '../render/report-document.js';

/**
 * How the dose records print dose no badge here measured (DESIGN.md §4: flagged in records):
 * prior dose from other employers and estimates, each listed with its source or method.
 */

/** A heading line naming the dose no badge here measured that a record includes, if any. */
export function notMeasuredLines(includesPriorDose: boolean, includesEstimate: boolean): string[] {
  const parts = [
    ...(includesPriorDose ? ['prior dose from other employers'] : []),
    ...(includesEstimate ? ['estimated dose (ESTIMATE)'] : []),
  ];
  return parts.length > 0 ? [`Includes dose not measured here: ${parts.join(', ')}`] : [];
}

/** A record's quantities in mSv, in words: `effective 3, skin 0`. */
const quantitiesText = (quantities: PriorDoseDto['quantities']): string =>
  Object.entries(quantities)
    .map(([quantity, mSv]) => `${quantity} ${mSvText(mSv)}`)
    .join(', ');

/** The prior doses and estimates a record includes, each a table when there are any. */
export function notMeasuredTables(
  priorDoses: PriorDoseDto[],
  estimates: DoseEstimateDto[],
): ReportTable[] {
  const tables: ReportTable[] = [];
  if (priorDoses.length > 0)
    tables.push({
      title: 'Prior dose from other employers (10 CFR 20.2104)',
      columns: ['Period', 'Employer', 'mSv', 'Source document', 'Counted on', 'By'],
      rows: priorDoses.map((p) => [
        `${p.from} to ${p.to}`,
        p.employer,
        quantitiesText(p.quantities),
        p.sourceDocument,
        p.bookedOn,
        p.author,
      ]),
    });
  if (estimates.length > 0)
    tables.push({
      title: 'Estimated dose, no badge reading (ESTIMATE)',
      columns: ['Period', 'Reason', 'Method', 'mSv', 'Note', 'Counted on', 'By'],
      rows: estimates.map((e) => [
        `${e.from} to ${e.to}`,
        e.reason,
        e.method,
        quantitiesText(e.quantities),
        e.note ?? '',
        e.bookedOn,
        e.author,
      ]),
    });
  return tables;
}
