import type { AlaraReportDto, AlaraRowDto } from '../dto/alara.dto.js';
import { decimalText, mSvText } from '../render/numbers.js';
import type { ReportDocument } from '../render/report-document.js';

const COLUMNS = [
  'Name',
  'Employee ID',
  'Quantity',
  'Quarter dose (mSv)',
  'of which adjustments',
  'Annual limit (mSv)',
  'Fraction',
  'Level',
  'Alert',
];

/** Who, which quantity, and its numbers: the cells the PDF and the CSV share. */
const doseCells = (row: AlaraRowDto): string[] => [
  row.name,
  row.employeeId ?? '',
  row.quantity,
  mSvText(row.doseMSv),
  mSvText(row.adjustmentsMSv),
  mSvText(row.annualLimitMSv),
];

export function alaraDocument(report: AlaraReportDto): ReportDocument {
  const rows = report.rows.map((row) => [
    ...doseCells(row),
    decimalText(row.fraction, 4),
    row.investigationLevel,
    row.alert ? `${row.alert.level}, ${row.alert.state}` : 'none',
  ]);
  return {
    title: `Quarterly ALARA report ${report.quarter}`,
    filename: `alara-${report.quarter}`,
    heading: [`Quarter: ${report.from} to ${report.to}`, `As of: ${report.asOf}`],
    tables: [{ title: 'At or over investigation level I or II', columns: COLUMNS, rows }],
    notes: report.notes,
    csv: {
      columns: [
        'quarter',
        'person_id',
        'name',
        'employee_id',
        'quantity',
        'dose_msv',
        'adjustments_msv',
        'annual_limit_msv',
        'fraction',
        'investigation_level',
        'alert_level',
        'alert_state',
      ],
      rows: report.rows.map((row) => [
        report.quarter,
        row.personId,
        ...doseCells(row),
        decimalText(row.fraction, 6),
        row.investigationLevel,
        row.alert?.level ?? '',
        row.alert?.state ?? '',
      ]),
    },
  };
}
