import { toMillionths } from '../common/dose-units.js';
import type { DoseReport, DoseValues } from './sr/dose-report.js';

/** The report's totals and its events' sums, in millionths of the stored units (DESIGN.md §2). */
export interface ReportTotals {
  reported: Partial<Record<TotalledQuantity | 'peakSkinDose', bigint>>;
  ofEvents: Partial<Record<TotalledQuantity, bigint>>;
  /** Every reported total within tolerance of its events' sum; null: nothing to compare. */
  agree: boolean | null;
}

type TotalledQuantity = 'dlp' | 'dap' | 'referenceAirKerma' | 'fluoroTimeS';
const TOTALLED: TotalledQuantity[] = ['dlp', 'dap', 'referenceAirKerma', 'fluoroTimeS'];

/**
 * How far a total may be from its events' sum and still agree: 1 %. Not a radiation-protection
 * figure but a data check of our choosing: modalities print each event's value rounded, so a
 * sum of rounded values may differ from the total in the last digits; a missing event or a unit
 * slip makes a difference far beyond that.
 */
const TOLERANCE_PERCENT = 1n;

export function reportTotals(report: DoseReport): ReportTotals {
  const reported: ReportTotals['reported'] = {};
  const ofEvents: ReportTotals['ofEvents'] = {};
  let agree: boolean | null = null;
  const millionths = (value: number | undefined) =>
    value === undefined ? undefined : toMillionths(value);
  const psd = millionths(report.totals.peakSkinDose);
  if (psd !== undefined) reported.peakSkinDose = psd;
  for (const quantity of TOTALLED) {
    const total = millionths(report.totals[quantity]);
    const values = report.events
      .map((event: DoseValues) => millionths(event[quantity]))
      .filter((value) => value !== undefined);
    const sum = values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0n);
    if (total !== undefined) reported[quantity] = total;
    if (sum !== undefined) ofEvents[quantity] = sum;
    if (total === undefined || sum === undefined) continue;
    const difference = total > sum ? total - sum : sum - total;
    const within = difference * 100n <= total * TOLERANCE_PERCENT;
    agree = (agree ?? true) && within;
  }
  return { reported, ofEvents, agree };
}
