import type { ReportTable } from './report-document.js';

/**
 * RFC 4180 CSV: fields holding a comma, quote or line break are quoted, quotes doubled; lines
 * end with CRLF. Numbers arrive already formatted (mSv as exact decimals, never floats).
 * Text that a spreadsheet would take for a formula is neutralised.
 */
export function csvLine(fields: readonly (string | number | boolean | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** A cell a spreadsheet would run as a formula: =, +, -, @, tab or CR first (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]?\d+(\.\d+)?$/;

function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Names, notes and reasons are typed by people: one starting like a formula gets a leading
  // apostrophe, so a spreadsheet shows it as text. Signed numbers (adjustments) stay numbers.
  if (FORMULA_START.test(text) && !SIGNED_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableToCsv(table: ReportTable): string {
  return csvLine(table.columns) + table.rows.map(csvLine).join('');
}
