import type { BadgeReportDto } from '../dto/badge-report.dto.js';
import { decimalText } from '../render/numbers.js';
import type { ReportDocument } from '../render/report-document.js';

const usvText = (value: number): string => decimalText(value, 3);

const CSV_COLUMNS = [
  'category',
  'badge_serial',
  'body_location',
  'status',
  'person_id',
  'name',
  'since',
  'last_seen_at',
  'calibration_due',
  'readings',
  'first_measured_at',
  'last_measured_at',
  'hp10_usv',
  'hp007_usv',
  'hp3_usv',
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

export function badgeReportDocument(report: BadgeReportDto): ReportDocument {
  const csvRows: CsvRow[] = [
    ...report.silent.map((b) => ({
      category: 'silent',
      badge_serial: b.serial,
      body_location: b.bodyLocation,
      status: 'active',
      person_id: b.personId,
      name: b.name,
      since: b.silentSince,
      last_seen_at: b.lastSeenAt ?? '',
    })),
    ...report.unreturned.map((b) => ({
      category: 'unreturned',
      badge_serial: b.serial,
      body_location: b.bodyLocation,
      status: b.status,
      person_id: b.personId,
      name: b.name,
      since: b.assignedFrom,
      last_seen_at: b.lastSeenAt ?? '',
    })),
    ...report.calibrationDue.map((b) => ({
      category: b.overdue ? 'calibration_overdue' : 'calibration_due_soon',
      badge_serial: b.serial,
      body_location: b.bodyLocation,
      status: b.status,
      person_id: b.personId ?? '',
      name: b.name ?? '',
      calibration_due: b.calibrationDue,
    })),
    ...report.unattributed.map((u) => ({
      category: 'unattributed_readings',
      badge_serial: u.serial,
      body_location: u.bodyLocation ?? '(not registered)',
      readings: String(u.readings),
      first_measured_at: u.firstMeasuredAt,
      last_measured_at: u.lastMeasuredAt,
      hp10_usv: usvText(u.hp10USv),
      hp007_usv: usvText(u.hp007USv),
      hp3_usv: usvText(u.hp3USv),
    })),
  ];
  return {
    title: 'Badge report',
    filename: `badges-${report.asOf.slice(0, 10)}`,
    heading: [`As of: ${report.asOf}`],
    tables: [
      {
        title: 'Silent badges',
        columns: ['Badge', 'Location', 'Worn by', 'Silent since', 'Hours'],
        rows: report.silent.map((b) => [
          b.serial,
          b.bodyLocation,
          b.name,
          b.silentSince,
          String(b.silentHours),
        ]),
      },
      {
        title: 'Badges not returned',
        columns: ['Badge', 'Location', 'Status', 'Assigned to', 'Since', 'Last seen'],
        rows: report.unreturned.map((b) => [
          b.serial,
          b.bodyLocation,
          b.status,
          b.name,
          b.assignedFrom,
          b.lastSeenAt ?? 'never',
        ]),
      },
      {
        title: 'Calibration due',
        columns: ['Badge', 'Location', 'Due', 'State', 'Worn by'],
        rows: report.calibrationDue.map((b) => [
          b.serial,
          b.bodyLocation,
          b.calibrationDue,
          b.overdue ? 'overdue' : 'due soon',
          b.name ?? '',
        ]),
      },
      {
        title: 'Unattributed readings',
        columns: [
          'Badge',
          'Location',
          'Readings',
          'First',
          'Last',
          'Hp(10) µSv',
          'Hp(0.07) µSv',
          'Hp(3) µSv',
        ],
        rows: report.unattributed.map((u) => [
          u.serial,
          u.bodyLocation ?? '(not registered)',
          String(u.readings),
          u.firstMeasuredAt,
          u.lastMeasuredAt,
          usvText(u.hp10USv),
          usvText(u.hp007USv),
          usvText(u.hp3USv),
        ]),
      },
    ],
    notes: report.notes,
    csv: {
      columns: [...CSV_COLUMNS],
      rows: csvRows.map((row) => CSV_COLUMNS.map((column) => row[column] ?? '')),
    },
  };
}
