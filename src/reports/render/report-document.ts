/**
 * What a report prints: title, heading lines, tables and notes. Reports build one of these
 * beside their JSON answer; the CSV and PDF renderers know nothing of any report.
 */
export interface ReportTable {
  title?: string;
  columns: string[];
  rows: string[][];
}

export interface ReportDocument {
  title: string;
  /** File name without extension, for Content-Disposition. */
  filename: string;
  /** Who and what the report is about, one fact a line. */
  heading: string[];
  tables: ReportTable[];
  /** Sources, definitions and caveats, printed after the tables. */
  notes: string[];
  /** The table the CSV form holds (a CSV file is one table). */
  csv: ReportTable;
}
