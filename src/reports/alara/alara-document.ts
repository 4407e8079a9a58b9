import type { AlaraReportDto, AlaraRowDto } from '../dto/alara.dto.js';
import { mSvText } from '../render/numbers.js';
import type { ReportDocument } from '../render/report-document.js';

const COLUMNS = [
  'Name',
  'Employee ID',
  'Profile',
  'Quantity',
  'Quarter dose (mSv)',
  'of which adjustments',
  'Level I (mSv)',
  'Level II (mSv)',
  'Level',
  'Alert',
];

const LEVEL_COLUMNS = ['Profile', 'Quantity', 'Level I (mSv)', 'Level II (mSv)'];

/** Who, which quantity, its dose and the levels applied: the cells the PDF and the CSV share. */
const doseCells = (row: AlaraRowDto): string[] => [
  row.name,
  row.employeeId ?? '',
  row.profile,
  row.quantity,
  mSvText(row.doseMSv),
  mSvText(row.adjustmentsMSv),
  mSvText(row.levelIMSv),
  mSvText(row.levelIIMSv),
];

export function alaraDocument(report: AlaraReportDto): ReportDocument {
  const rows = report.rows.map((row) => [
    ...doseCells(row),
    row.investigationLevel,
    row.alert ? `${row.alert.level}, ${row.alert.state}` : 'none',
  ]);
  return {
    title: `Quarterly ALARA report ${report.quarter}`,
    filename: `alara-${report.quarter}`,
    heading: [`Quarter: ${report.from} to ${report.to}`, `As of: ${report.asOf}`],
    tables: [
      { title: 'At or over investigation level I or II', columns: COLUMNS, rows },
      {
        title: 'Investigation levels applied (dose within one calendar quarter)',
        columns: LEVEL_COLUMNS,
        rows: report.levels.map((level) => [
          level.profile,
          level.quantity,
          mSvText(level.levelIMSv),
          mSvText(level.levelIIMSv),
        ]),
      },
    ],
    // Sources are long: notes wrap where a table cell would be cut.
    notes: [
      ...report.notes,
      ...report.levels.map((l) => `Levels ${l.profile} ${l.quantity}: ${l.source}`),
    ],
    csv: {
      columns: [
        'quarter',
        'person_id',
        'name',
        'employee_id',
        'profile',
        'quantity',
        'dose_msv',
        'adjustments_msv',
        'level_i_msv',
        'level_ii_msv',
        'investigation_level',
        'alert_level',
        'alert_state',
      ],
      rows: report.rows.map((row) => [
        report.quarter,
        row.personId,
        ...doseCells(row),
        row.investigationLevel,
        row.alert?.level ?? '',
        row.alert?.state ?? '',
      ]),
    },
  };
}
