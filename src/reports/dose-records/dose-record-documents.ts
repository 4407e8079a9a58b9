import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import { counts } from '../../adjustments/adjustment-kind.js';
import type {
  AnnualRecordDto,
  DoseHistoryDto,
  Form5DosesDto,
  RecordDoseDto,
  RecordPersonDto,
} from '../dto/dose-record.dto.js';
import { mSvText, remText } from '../render/numbers.js';
import type { ReportDocument, ReportTable } from '../render/report-document.js';
import { FORM5_LABELS } from './form5.js';
import { includesText, notMeasuredLines, notMeasuredTables } from './not-measured-document.js';

type DoseField = Exclude<keyof Form5DosesDto, 'cedeMonitored'>;

/** Form 5 field, its source quantity (DESIGN.md §4), in the order of the form. */
const FIELDS: [DoseField, string][] = [
  ['dde', 'effective'],
  ['lde', 'eyeLens'],
  ['sdeWholeBody', 'skin'],
  ['sdeExtremity', 'extremity'],
  ['cede', 'not monitored'],
  ['tede', 'DDE + CEDE'],
  ['embryoFetus', 'fetal'],
];

const personLines = (person: RecordPersonDto): string[] => [
  `Name: ${person.name}`,
  `Employee ID: ${person.employeeId ?? '(none)'}`,
  `Person ID: ${person.id}`,
];

/** CSV lines start with who the line is about. */
const PERSON_COLUMNS = ['person_id', 'name', 'employee_id', 'year'];
const personCells = (person: RecordPersonDto, year: number): string[] => [
  person.id,
  person.name,
  person.employeeId ?? '',
  String(year),
];

/** A dose's cells after its rem: adjustments, prior and estimated parts (mSv). */
const partCells = (dose: RecordDoseDto): string[] => [
  mSvText(dose.adjustmentsMSv),
  mSvText(dose.priorMSv),
  mSvText(dose.estimatedMSv),
];

const fileId = (person: RecordPersonDto): string =>
  (person.employeeId ?? person.id).replace(/[^A-Za-z0-9_.-]/g, '_');

export function annualRecordDocument(record: AnnualRecordDto): ReportDocument {
  const period = record.monitoringPeriod
    ? `${record.monitoringPeriod.from} to ${record.monitoringPeriod.to}`
    : `no badge assigned in ${record.year}`;
  const { person } = record;
  return {
    title: `Occupational dose record ${record.year} (NRC Form 5 fields)`,
    filename: `dose-record-${fileId(person)}-${record.year}`,
    heading: [
      ...personLines(person),
      `Monitoring period: ${period}`,
      record.final
        ? 'Record: final (year closed)'
        : `Record: year in progress, as of ${record.asOf}`,
      ...notMeasuredLines(record.includesPriorDose, record.includesEstimate),
    ],
    tables: [
      {
        title: 'Doses',
        columns: [
          'Field',
          'Record quantity',
          'mSv',
          'rem',
          'of which adjustments (mSv)',
          'of these, prior (mSv)',
          'of these, estimated (mSv)',
        ],
        rows: FIELDS.map(([field, source]) => {
          const dose = record.doses[field];
          return [
            FORM5_LABELS[field],
            source,
            mSvText(dose.mSv),
            remText(dose.rem),
            ...partCells(dose),
          ];
        }),
      },
      ...adjustmentTables(record.adjustments),
      ...notMeasuredTables(record.priorDoses, record.doseEstimates),
    ],
    notes: record.notes,
    csv: {
      columns: [
        ...PERSON_COLUMNS,
        'monitoring_from',
        'monitoring_to',
        'field',
        'record_quantity',
        'dose_msv',
        'dose_rem',
        'adjustments_msv',
        'prior_msv',
        'estimated_msv',
      ],
      rows: FIELDS.map(([field, source]) => {
        const dose = record.doses[field];
        return [
          ...personCells(person, record.year),
          record.monitoringPeriod?.from ?? '',
          record.monitoringPeriod?.to ?? '',
          FORM5_LABELS[field],
          source,
          mSvText(dose.mSv),
          remText(dose.rem),
          ...partCells(dose),
        ];
      }),
    },
  };
}

/** The history's dose fields, in the order of its columns. */
const HISTORY_FIELDS: DoseField[] = ['dde', 'lde', 'sdeWholeBody', 'sdeExtremity', 'tede'];

/** A history line's numbers after the year: doses, cumulative TEDE, embryo/fetus, adjustments. */
function historyCells(
  doses: Form5DosesDto,
  cumulativeTedeMSv: number,
  adjustmentCount: number,
): string[] {
  return [
    ...HISTORY_FIELDS.map((f) => mSvText(doses[f].mSv)),
    mSvText(cumulativeTedeMSv),
    mSvText(doses.embryoFetus.mSv),
    String(adjustmentCount),
  ];
}

export function historyDocument(history: DoseHistoryDto): ReportDocument {
  const { person, total } = history;
  const table: ReportTable = {
    title: 'Doses by year, mSv (including adjustments)',
    columns: [
      'Year',
      ...HISTORY_FIELDS.map((f) => FORM5_LABELS[f]),
      'Cumulative TEDE',
      'Embryo/fetus',
      'Adjustments',
      'Not measured here',
    ],
    rows: [
      ...history.years.map((year) => [
        String(year.year),
        ...historyCells(year, year.cumulativeTedeMSv, year.adjustmentCount),
        includesText(year),
      ]),
      ['Total', ...historyCells(total, total.tede.mSv, history.adjustments.length), ''],
    ],
  };
  return {
    title: 'Cumulative occupational dose history (NRC Form 4 fields)',
    filename: `dose-history-${fileId(person)}`,
    heading: [
      ...personLines(person),
      `As of: ${history.asOf}`,
      ...notMeasuredLines(history.priorDoses.length > 0, history.doseEstimates.length > 0),
    ],
    tables: [
      table,
      ...adjustmentTables(history.adjustments),
      ...notMeasuredTables(history.priorDoses, history.doseEstimates),
    ],
    notes: history.notes,
    csv: {
      columns: [
        ...PERSON_COLUMNS,
        'dde_msv',
        'lde_msv',
        'sde_wb_msv',
        'sde_me_msv',
        'tede_msv',
        'cumulative_tede_msv',
        'embryo_fetus_msv',
        'adjustments',
        'includes_prior_dose',
        'includes_estimate',
      ],
      rows: history.years.map((year) => [
        ...personCells(person, year.year),
        ...historyCells(year, year.cumulativeTedeMSv, year.adjustmentCount),
        String(year.includesPriorDose),
        String(year.includesEstimate),
      ]),
    },
  };
}

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
