import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import { DOSE_COLUMNS } from '../../readings/rules/reading-doses.js';
import { csvLine } from '../render/csv.js';
import { mSvText } from '../render/numbers.js';
import { QUANTITIES, type Quantity } from '../../common/quantities.js';

/**
 * Columns of the dose history export: one line per reading (its increments in µSv, what it
 * added to each record quantity in mSv) or per dose adjustment (its quantity's column holds
 * the signed dose; `measured_at` its day). Sorted by person, then time. `source` says which:
 * `reading`, `adjustment` (a correction), or dose no badge here measured, `priorDose` or
 * `estimate` (one line per quantity; `adjustment_id` is its ledger entry's id).
 */
export const EXPORT_COLUMNS = [
  'person_id',
  'name',
  'employee_id',
  'source',
  'measured_at',
  'badge_serial',
  'body_location',
  'seq',
  'inc_hp10_usv',
  'inc_hp007_usv',
  'inc_hp3_usv',
  'effective_msv',
  'skin_msv',
  'eye_lens_msv',
  'extremity_msv',
  'fetal_msv',
  'reset',
  'dose_rate_usv_h',
  'battery',
  'adjustment_id',
  'reason',
] as const;

/** A reading row as the export query gives it: every number already exact decimal text. */
export interface ExportReadingRow {
  person_id: string;
  name: string;
  employee_id: string | null;
  measured_key: string;
  badge_serial: string;
  body_location: string | null;
  seq: string;
  inc_hp10: string | null;
  inc_hp007: string | null;
  inc_hp3: string | null;
  effective: string | null;
  skin: string | null;
  eye_lens: string | null;
  extremity: string | null;
  fetal: string | null;
  reset: boolean;
  dose_rate: string | null;
  battery: number | null;
}

/** SQL select list of ExportReadingRow (alias r: reading, b: badge, p: person). */
export const EXPORT_SELECT = [
  'r.person_id',
  'p.name',
  'p.employee_id',
  `to_char(r.measured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS measured_key`,
  'r.badge_serial',
  'b.body_location',
  'r.seq::text AS seq',
  ...['hp10', 'hp007', 'hp3'].map((h) => `trim_scale(r.inc_${h}_nsv / 1000.0)::text AS inc_${h}`),
  ...QUANTITIES.map(
    (q) => `trim_scale(r.${DOSE_COLUMNS[q]} / 1000000.0)::text AS ${exportAlias(q)}`,
  ),
  'r.reset',
  'trim_scale(r.dose_rate_nsv_h / 1000.0)::text AS dose_rate',
  'r.battery',
].join(', ');

function exportAlias(quantity: Quantity): string {
  return DOSE_COLUMNS[quantity].replace(/_nsv$/, '');
}

export function readingLine(row: ExportReadingRow): string {
  return csvLine([
    row.person_id,
    row.name,
    row.employee_id,
    'reading',
    row.measured_key,
    row.badge_serial,
    row.body_location,
    row.seq,
    row.inc_hp10,
    row.inc_hp007,
    row.inc_hp3,
    row.effective,
    row.skin,
    row.eye_lens,
    row.extremity,
    row.fetal,
    row.reset,
    row.dose_rate,
    row.battery,
    null,
    null,
  ]);
}

export function adjustmentLine(
  adjustment: AdjustmentDto,
  person: { name: string; employeeId: string | null },
): string {
  const doses = QUANTITIES.map((q) =>
    q === adjustment.quantity ? mSvText(adjustment.doseMSv) : null,
  );
  return csvLine([
    adjustment.personId,
    person.name,
    person.employeeId,
    adjustment.kind === 'correction' ? 'adjustment' : adjustment.kind,
    adjustment.date,
    null,
    null,
    null,
    null,
    null,
    null,
    ...doses,
    null,
    null,
    null,
    adjustment.id,
    adjustment.reason,
  ]);
}
