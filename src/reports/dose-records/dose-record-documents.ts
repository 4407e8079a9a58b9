import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import { counts } from '../../adjustments/adjustment-kind.js';
import type {
  AnnualRecordDto,
  DoseHistoryDto,
  Form5BoxDto,
  RecordPersonDto,
} from '../dto/dose-record.dto.js';
import { mSvText, remText } from '../render/numbers.js';
import type { ReportDocument, ReportTable } from '../render/report-document.js';
import { FORM5_BOX_NAMES, FORM5_BOXES, type Form5Box } from './nrc-form5.js';
import { notMeasuredLines, notMeasuredTables } from './not-measured-document.js';

const personLines = (person: RecordPersonDto): string[] => [
  `1. Name: ${person.name}`,
  `2. Identification number: ${person.employeeId ?? '(none)'}`,
  `3. ID type: ${person.idType ?? '(not given)'}`,
  `4. Sex: ${person.sex ?? '(not given)'}`,
  `5. Date of birth: ${person.dateOfBirth ?? '(not given)'}`,
  `Person ID: ${person.id}`,
];

/** CSV lines start with who the line is about. */
export const PERSON_COLUMNS = ['person_id', 'name', 'employee_id', 'year'];
export const personCells = (person: RecordPersonDto, year: number): string[] => [
  person.id,
  person.name,
  person.employeeId ?? '',
  String(year),
];

export const fileId = (person: RecordPersonDto): string =>
  (person.employeeId ?? person.id).replace(/[^A-Za-z0-9_.-]/g, '_');

const FORM5_LINES: (Form5Box | 'embryoFetus')[] = [...FORM5_BOXES, 'embryoFetus'];

/** NRC Form 5: boxes 1 to 9 as heading lines, the dose boxes as a table. */
export function annualRecordDocument(record: AnnualRecordDto): ReportDocument {
  const period = record.monitoringPeriod
    ? `${record.monitoringPeriod.from} to ${record.monitoringPeriod.to}`
    : `no badge assigned in ${record.year}`;
  const { person, licensee } = record;
  const lines = FORM5_LINES.map((name) =>
    name === 'embryoFetus' ? record.embryoFetus : record.boxes[name],
  );
  return {
    title: `NRC Form 5, occupational dose record for a monitoring period, ${record.year}`,
    filename: `dose-record-${fileId(person)}-${record.year}`,
    heading: [
      `Form: ${record.form}`,
      ...personLines(person),
      `6. Monitoring period: ${period}`,
      `7. Licensee name: ${licensee.name ?? '(not set)'}`,
      `8. License number: ${licensee.licenseNumber ?? '(not set)'}`,
      `9. ${record.recordType === 'estimate' ? 'ESTIMATE' : 'RECORD'}, ${record.exposure.toUpperCase()}`,
      record.final
        ? 'Record: final (year closed)'
        : `Record: year in progress, as of ${record.asOf}`,
      ...notMeasuredLines(record.includesPriorDose, record.includesEstimate),
    ],
    tables: [
      {
        title: 'Doses (in rem)',
        columns: [
          'Box',
          'Dose',
          'rem',
          'Source',
          'of which adjustments (mSv)',
          'of these, estimated (mSv)',
          'prior dose left out (mSv)',
        ],
        rows: lines.map((box) => [box.box, box.label, box.entry, box.source, ...boxPartCells(box)]),
      },
      ...listedTables(record),
    ],
    notes: record.notes,
    csv: {
      columns: [
        ...PERSON_COLUMNS,
        'id_type',
        'sex',
        'date_of_birth',
        'monitoring_from',
        'monitoring_to',
        'licensee',
        'license_number',
        'record_type',
        'box',
        'field',
        'entry',
        'dose_rem',
        'dose_msv',
        'adjustments_msv',
        'estimated_msv',
        'prior_excluded_msv',
      ],
      rows: lines.map((box) => [
        ...personCells(person, record.year),
        person.idType ?? '',
        person.sex ?? '',
        person.dateOfBirth ?? '',
        record.monitoringPeriod?.from ?? '',
        record.monitoringPeriod?.to ?? '',
        licensee.name ?? '',
        licensee.licenseNumber ?? '',
        record.recordType,
        box.box,
        box.label,
        box.entry,
        box.rem === null ? '' : remText(box.rem),
        box.mSv === null ? '' : mSvText(box.mSv),
        ...boxPartCells(box),
      ]),
    },
  };
}

const boxPartCells = (box: Form5BoxDto): string[] => [
  mSvText(box.adjustmentsMSv),
  mSvText(box.estimatedMSv),
  mSvText(box.priorExcludedMSv),
];

/** NRC Form 4: the identity boxes, a line per monitoring period, the lifetime totals. */
export function historyDocument(history: DoseHistoryDto): ReportDocument {
  const { person } = history;
  const rowOf = (
    period: string,
    licensee: string,
    recordType: string,
    boxes: Record<Form5Box, Form5BoxDto>,
  ) => [period, licensee, recordType, ...FORM5_BOXES.map((name) => boxes[name].entry)];
  const lineRows = history.lines.map((line) =>
    rowOf(
      `${line.monitoringPeriod.from} to ${line.monitoringPeriod.to}`,
      `${line.licensee.name ?? '(not set)'}${line.priorEmployer ? ' (prior employer)' : ''}`,
      line.recordType.toUpperCase(),
      line.boxes,
    ),
  );
  return {
    title: 'NRC Form 4, cumulative occupational dose history',
    filename: `dose-history-${fileId(person)}`,
    heading: [`Form: ${history.form}`, ...personLines(person), `As of: ${history.asOf}`],
    tables: [
      {
        title: 'Monitoring periods, doses in rem',
        columns: [
          '6. Period',
          '7. Licensee',
          '9.',
          ...FORM5_BOXES.map((name) => FORM5_BOX_NAMES[name].join(' ')),
        ],
        rows: [...lineRows, rowOf('Lifetime', '', '', history.lifetime)],
      },
      ...listedTables(history),
    ],
    notes: history.notes,
    csv: {
      columns: [
        'person_id',
        'name',
        'employee_id',
        'monitoring_from',
        'monitoring_to',
        'licensee',
        'license_number',
        'prior_employer',
        'record_type',
        ...FORM5_BOXES.map(
          (name) => `${FORM5_BOX_NAMES[name][1].replace(',', '_').toLowerCase()}_rem`,
        ),
      ],
      rows: [
        ...history.lines.map((line) => [
          person.id,
          person.name,
          person.employeeId ?? '',
          line.monitoringPeriod.from,
          line.monitoringPeriod.to,
          line.licensee.name ?? '',
          line.licensee.licenseNumber ?? '',
          String(line.priorEmployer),
          line.recordType,
          ...FORM5_BOXES.map((name) => line.boxes[name].entry),
        ]),
        [
          person.id,
          person.name,
          person.employeeId ?? '',
          'lifetime',
          '',
          '',
          '',
          '',
          '',
          ...FORM5_BOXES.map((name) => history.lifetime[name].entry),
        ],
      ],
    },
  };
}

/** What a record includes, listed after its doses: adjustments, prior doses, estimates. */
export const listedTables = (
  record: Pick<AnnualRecordDto, 'adjustments' | 'priorDoses' | 'doseEstimates'>,
): ReportTable[] => [
  ...adjustmentTables(record.adjustments),
  ...notMeasuredTables(record.priorDoses, record.doseEstimates),
];

/** The adjustments, and the dose corrected assignments moved when there was any. */
function adjustmentTables(adjustments: AdjustmentDto[]): ReportTable[] {
  const moved = adjustments.some((a) => a.kind === 'reattribution');
  return [adjustmentsTable(adjustments), ...(moved ? [reattributionsTable(adjustments)] : [])];
}

function adjustmentsTable(adjustments: AdjustmentDto[]): ReportTable {
  return {
    title: 'Dose adjustments included',
    columns: ['Date', 'Quantity', 'mSv', 'Kind', 'Reason', 'By', 'Entered'],
    rows: adjustments
      .filter((a) => counts(a.kind))
      .map((a) => [
        a.date,
        a.quantity,
        mSvText(a.doseMSv),
        a.kind,
        a.reason,
        a.author,
        a.createdAt,
      ]),
  };
}

/** Dose that corrected assignments moved with their readings: the readings' doses include it. */
function reattributionsTable(adjustments: AdjustmentDto[]): ReportTable {
  return {
    title: 'Dose moved with re-attributed readings (corrected assignments, in the readings)',
    columns: ['Date', 'Quantity', 'mSv', 'Badge', 'Reason', 'By', 'Entered'],
    rows: adjustments
      .filter((a) => a.kind === 'reattribution')
      .map((a) => [
        a.date,
        a.quantity,
        mSvText(a.doseMSv),
        a.badgeSerial ?? '',
        a.reason,
        a.author,
        a.createdAt,
      ]),
  };
}
