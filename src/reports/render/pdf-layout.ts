import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  HELVETICA_EM_PER_CHAR,
  PdfWriter,
  type PageSize,
} from './pdf-writer.js';
import type { ReportDocument, ReportTable } from './report-document.js';

const MARGIN = 40;
const BODY_SIZE = 9;
const MIN_TABLE_SIZE = 6;
const CELL_PADDING = 6;

/**
 * Lays a report out on A4: heading, each table with ruled header (landscape and a smaller
 * font when a table is too wide; cells cut with "…" as a last resort), notes; new pages as
 * the text runs down, with the table header repeated.
 */
export function renderPdf(document: ReportDocument): Buffer {
  const widest = Math.max(0, ...document.tables.map((table) => naturalWidth(table, BODY_SIZE)));
  const page = widest > A4_PORTRAIT.width - 2 * MARGIN ? A4_LANDSCAPE : A4_PORTRAIT;
  const pdf = new PdfWriter(document.title);
  let y = 0;
  const newPage = () => {
    pdf.addPage(page);
    y = page.height - MARGIN;
  };
  const room = (height: number) => {
    if (y - height < MARGIN) newPage();
  };
  const writeLine = (text: string, size: number, bold = false) => {
    for (const part of wrap(text, page.width - 2 * MARGIN, size)) {
      room(size * 1.4);
      y -= size * 1.4;
      pdf.text(MARGIN, y, size, part, bold);
    }
  };
  newPage();
  writeLine(document.title, 14, true);
  y -= 4;
  for (const line of document.heading) writeLine(line, BODY_SIZE);
  for (const table of document.tables) {
    y -= BODY_SIZE;
    if (table.title) writeLine(table.title, 10, true);
    const fit = fitTable(table, page);
    const header = () => {
      writeRow(table.columns, true);
      pdf.line(MARGIN, y - 3, MARGIN + fit.total, y - 3);
      y -= 3;
    };
    const writeRow = (cells: string[], bold: boolean) => {
      room(fit.size * 1.4);
      y -= fit.size * 1.4;
      let x = MARGIN;
      cells.forEach((cell, column) => {
        pdf.text(x, y, fit.size, clip(cell, fit.widths[column], fit.size), bold);
        x += fit.widths[column];
      });
    };
    header();
    if (table.rows.length === 0) writeLine('(none)', fit.size);
    for (const row of table.rows) {
      if (y - fit.size * 1.4 < MARGIN) {
        newPage();
        header();
      }
      writeRow(row, false);
    }
  }
  if (document.notes.length > 0) y -= BODY_SIZE;
  for (const note of document.notes) writeLine(note, 7.5);
  return pdf.toBuffer();
}

/** The text cut at spaces into lines no wider than `width` (a longer word stays whole). */
export function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  return [...lines, line];
}

function textWidth(text: string, size: number): number {
  return [...text].length * size * HELVETICA_EM_PER_CHAR;
}

function columnWidths(table: ReportTable, size: number): number[] {
  return table.columns.map(
    (column, index) =>
      Math.max(
        textWidth(column, size),
        ...table.rows.map((row) => textWidth(row[index] ?? '', size)),
      ) + CELL_PADDING,
  );
}

function naturalWidth(table: ReportTable, size: number): number {
  return columnWidths(table, size).reduce((a, b) => a + b, 0);
}

/** The largest font size (down to MIN_TABLE_SIZE) at which the table fits; else scaled columns. */
function fitTable(
  table: ReportTable,
  page: PageSize,
): { size: number; widths: number[]; total: number } {
  const available = page.width - 2 * MARGIN;
  for (let size = BODY_SIZE; size >= MIN_TABLE_SIZE; size -= 0.5) {
    const widths = columnWidths(table, size);
    const total = widths.reduce((a, b) => a + b, 0);
    if (total <= available) return { size, widths, total };
  }
  const widths = columnWidths(table, MIN_TABLE_SIZE);
  const scale = available / widths.reduce((a, b) => a + b, 0);
  return { size: MIN_TABLE_SIZE, widths: widths.map((w) => w * scale), total: available };
}

function clip(text: string, width: number, size: number): string {
  // The epsilon: a column sized for n characters must not round down to n - 1.
  const fits = Math.floor((width - CELL_PADDING) / (size * HELVETICA_EM_PER_CHAR) + 1e-6);
  const chars = [...text];
  return chars.length <= fits ? text : `${chars.slice(0, Math.max(0, fits - 1)).join('')}…`;
}
