import { StreamableFile } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { tableToCsv } from './render/csv.js';
import { renderPdf } from './render/pdf-layout.js';
import type { ReportDocument } from './render/report-document.js';

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `?format=json|csv|pdf` on every report (json unless given): a link a browser can open. */
export class ReportFormatQueryDto {
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** A report's JSON answer, with the printable document built only when CSV or PDF is asked. */
export interface Report<T> {
  json: T;
  document(): ReportDocument;
}

/** The answer in the format asked: the JSON object, or a CSV or PDF file to download. */
export function inFormat<T>(report: Report<T>, format: ReportFormat = 'json'): T | StreamableFile {
  switch (format) {
    case 'json':
      return report.json;
    case 'csv': {
      const document = report.document();
      return new StreamableFile(Buffer.from(tableToCsv(document.csv), 'utf8'), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="${document.filename}.csv"`,
      });
    }
    case 'pdf': {
      const document = report.document();
      return new StreamableFile(renderPdf(document), {
        type: 'application/pdf',
        disposition: `inline; filename="${document.filename}.pdf"`,
      });
    }
  }
}
