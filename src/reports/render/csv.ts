import type { ReportTable } from './report-document.js';

/**
 * RFC 4180 CSV: fields holding a comma, quote or line break are quoted, quotes doubled; lines
 * end with CRLF. Numbers arrive already formatted (mSv as exact decimals, never floats).
 */
export function csvLine(fields: readonly (string | number | boolean | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableToCsv(table: ReportTable): string {
  return csvLine(table.columns) + table.rows.map(csvLine).join('');
}
