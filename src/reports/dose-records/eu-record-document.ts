import type {
  EuDoseHistoryDto,
  EuDoseRecordDto,
  EuRecordDoseDto,
} from '../dto/eu-dose-record.dto.js';
import { mSvText } from '../render/numbers.js';
import type { ReportDocument } from '../render/report-document.js';
import { fileId, listedTables, PERSON_COLUMNS, personCells } from './dose-record-documents.js';

/** The record's names of the quantities (2013/59/Euratom Art. 4 definitions). */
const RESULT_NAMES: Record<string, string> = {
  effective: 'Effective dose',
  eyeLens: 'Equivalent dose, lens of the eye',
  skin: 'Equivalent dose, skin',
  extremity: 'Equivalent dose, extremities',
  fetal: 'Dose to the unborn child (declared pregnancy)',
};

/** A dose as the record prints it: mSv, or "not monitored". */
const doseText = (mSv: number | null): string => (mSv === null ? 'not monitored' : mSvText(mSv));

const resultCells = (dose: EuRecordDoseDto): string[] => [
  RESULT_NAMES[dose.quantity] ?? dose.quantity,
  doseText(dose.mSv),
  doseText(dose.thisUndertakingMSv),
  mSvText(dose.otherUndertakingsMSv),
  mSvText(dose.estimatedMSv),
];

export function euRecordDocument(record: EuDoseRecordDto): ReportDocument {
  const { person, undertaking } = record;
  const period = record.monitoringPeriod
    ? `${record.monitoringPeriod.from} to ${record.monitoringPeriod.to}`
    : `no dosimeter assigned in ${record.year}`;
  return {
    title: `Individual dose record ${record.year} (2013/59/Euratom, Annex X)`,
    filename: `dose-record-${fileId(person)}-${record.year}`,
    heading: [
      `Record: ${record.record}`,
      `Name: ${person.name}`,
      `Identification number: ${person.employeeId ?? '(none)'}`,
      `Sex: ${person.sex ?? '(not given)'}`,
      `Date of birth: ${person.dateOfBirth ?? '(not given)'}`,
      `Category: ${record.category ?? '(not classified)'}`,
      `Undertaking: ${undertaking.name ?? '(not set)'} (${undertaking.licenseNumber ?? 'no identification set'})`,
      `Monitoring period: ${period}`,
      record.final
        ? 'Record: final (year closed)'
        : `Record: year in progress, as of ${record.asOf}`,
      ...(record.includesEstimate ? ['Includes ESTIMATED dose (listed below)'] : []),
      ...(record.includesOtherUndertakings
        ? ['Includes dose received at other undertakings (listed below)']
        : []),
    ],
    tables: [
      {
        title: 'Results of individual monitoring, mSv',
        columns: ['Result', 'mSv', 'this undertaking', 'other undertakings', 'of which estimated'],
        rows: record.doses.map(resultCells),
      },
      ...listedTables(record),
    ],
    notes: record.notes,
    csv: {
      columns: [
        ...PERSON_COLUMNS,
        'sex',
        'date_of_birth',
        'category',
        'undertaking',
        'monitoring_from',
        'monitoring_to',
        'quantity',
        'dose_msv',
        'this_undertaking_msv',
        'other_undertakings_msv',
        'estimated_msv',
      ],
      rows: record.doses.map((dose) => [
        ...personCells(person, record.year),
        person.sex ?? '',
        person.dateOfBirth ?? '',
        record.category ?? '',
        undertaking.name ?? '',
        record.monitoringPeriod?.from ?? '',
        record.monitoringPeriod?.to ?? '',
        dose.quantity,
        dose.mSv === null ? '' : mSvText(dose.mSv),
        dose.thisUndertakingMSv === null ? '' : mSvText(dose.thisUndertakingMSv),
        mSvText(dose.otherUndertakingsMSv),
        mSvText(dose.estimatedMSv),
      ]),
    },
  };
}

const HISTORY_QUANTITIES = ['effective', 'eyeLens', 'skin', 'extremity', 'fetal'];
const HISTORY_COLUMNS = [
  'Effective',
  'Lens',
  'Skin',
  'Extremities',
  'Unborn child',
  'Effective: other undertakings',
  'Effective: estimated',
];

/**
 * A history line's cells: each result's dose, then what other undertakings and estimates
 * make of the effective dose.
 */
const historyCells = (doses: EuRecordDoseDto[]): string[] => {
  const of = (quantity: string) => doses.find((dose) => dose.quantity === quantity);
  const effective = of('effective');
  return [
    ...HISTORY_QUANTITIES.map((quantity) => doseText(of(quantity)?.mSv ?? null)),
    mSvText(effective?.otherUndertakingsMSv ?? 0),
    mSvText(effective?.estimatedMSv ?? 0),
  ];
};

export function euHistoryDocument(history: EuDoseHistoryDto): ReportDocument {
  const { person } = history;
  const period = (year: EuDoseHistoryDto['years'][number]) =>
    year.monitoringPeriod ? `${year.monitoringPeriod.from} to ${year.monitoringPeriod.to}` : '';
  return {
    title: 'Individual dose history (2013/59/Euratom, Annex X)',
    filename: `dose-history-${fileId(person)}`,
    heading: [
      `Record: ${history.record}`,
      `Name: ${person.name}`,
      `Identification number: ${person.employeeId ?? '(none)'}`,
      `Category: ${history.category ?? '(not classified)'}`,
      `Undertaking: ${history.undertaking.name ?? '(not set)'}`,
      `As of: ${history.asOf}`,
    ],
    tables: [
      {
        title: 'Results by year, mSv (every undertaking)',
        columns: ['Year', 'Monitoring period', ...HISTORY_COLUMNS],
        rows: [
          ...history.years.map((year) => [
            String(year.year),
            period(year),
            ...historyCells(year.doses),
          ]),
          ['Lifetime', '', ...historyCells(history.lifetime)],
        ],
      },
      ...listedTables(history),
    ],
    notes: history.notes,
    csv: {
      columns: [
        ...PERSON_COLUMNS,
        'monitoring_from',
        'monitoring_to',
        'effective_msv',
        'lens_msv',
        'skin_msv',
        'extremity_msv',
        'fetal_msv',
        'effective_other_undertakings_msv',
        'effective_estimated_msv',
      ],
      rows: history.years.map((year) => [
        ...personCells(person, year.year),
        year.monitoringPeriod?.from ?? '',
        year.monitoringPeriod?.to ?? '',
        ...historyCells(year.doses).map((cell) => (cell === 'not monitored' ? '' : cell)),
      ]),
    },
  };
}
