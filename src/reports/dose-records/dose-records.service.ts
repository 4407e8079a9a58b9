import { Injectable } from '@nestjs/common';
import { counts } from '../../adjustments/adjustment-kind.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { nanosievertsToMillisieverts, nanosievertsToRem } from '../../common/dose-units.js';
import { yearOf } from '../../calendar/days.js';
import { dayInZone } from '../../calendar/facility-day.js';
import { AppConfig } from '../../config/app-config.js';
import type {
  AnnualRecordDto,
  DoseHistoryDto,
  Form5DosesDto,
  HistoryYearDto,
  RecordDoseDto,
} from '../dto/dose-record.dto.js';
import type { Report } from '../report-format.js';
import { annualRecordDocument, historyDocument } from './dose-record-documents.js';
import {
  form5Doses,
  FORMS_NOTE,
  NOT_MEASURED_NOTE,
  QUANTITY_NOTE,
  TEDE_NOTE,
  type DoseSum,
} from './form5.js';
import { form5BoxesDto } from './form5-dto.js';
import { monitoredIn, pregnantIn, wholeBodyHp10 } from './form5-data.js';
import { form5NotesFor } from './form5-notes.js';
import { NRC_FORM5 } from './nrc-form5.js';
import {
  loadAdjustments,
  loadNotMeasured,
  loadRecordPerson,
  monitoringPeriod,
  yearlyDoses,
} from './record-data.js';

const NOTES = [FORMS_NOTE, QUANTITY_NOTE, TEDE_NOTE];

/** The notes of a record: the not-measured one when it includes such dose. */
const notesFor = (notMeasured: { priorDoses: unknown[]; doseEstimates: unknown[] }): string[] =>
  notMeasured.priorDoses.length + notMeasured.doseEstimates.length > 0
    ? [...NOTES, NOT_MEASURED_NOTE]
    : NOTES;

/** A worker's official dose records (10 CFR 20.2106): the year's Form 5, the Form 4 history. */
@Injectable()
export class DoseRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async annualRecord(personId: string, year?: number): Promise<Report<AnnualRecordDto>> {
    const now = new Date();
    const timeZone = this.config.facilityTz;
    const today = dayInZone(now, timeZone);
    const recordYear = year ?? yearOf(today);
    const [first, last] = [`${recordYear}-01-01`, `${recordYear}-12-31`];
    // One snapshot: the doses, the adjustments they include and the period agree.
    const json = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const person = await loadRecordPerson(manager, personId);
      const sums = (await yearlyDoses(manager, personId, today, first, last)).get(recordYear);
      const notMeasured = await loadNotMeasured(manager, personId, first, last);
      const facts = {
        sums: sums ?? new Map<string, DoseSum>(),
        wholeBodyHp10Nsv: await wholeBodyHp10(manager, personId, first, last, timeZone),
        monitored: await monitoredIn(manager, personId, first, last, timeZone),
        pregnant: await pregnantIn(manager, personId, first, last, timeZone),
      };
      return {
        form: NRC_FORM5,
        person,
        year: recordYear,
        monitoringPeriod: await monitoringPeriod(manager, personId, recordYear, now, timeZone),
        licensee: {
          name: this.config.licenseeName ?? null,
          licenseNumber: this.config.licenseNumber ?? null,
        },
        recordType:
          notMeasured.doseEstimates.length > 0 ? ('estimate' as const) : ('record' as const),
        exposure: 'routine' as const,
        final: last < today,
        asOf: now.toISOString(),
        ...form5BoxesDto(facts),
        includesPriorDose: notMeasured.priorDoses.length > 0,
        includesEstimate: notMeasured.doseEstimates.length > 0,
        adjustments: await loadAdjustments(manager, personId, first, last),
        ...notMeasured,
        notes: form5NotesFor(notMeasured),
      };
    });
    return { json, document: () => annualRecordDocument(json) };
  }

  async history(personId: string): Promise<Report<DoseHistoryDto>> {
    const now = new Date();
    const today = dayInZone(now, this.config.facilityTz);
    const json = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const person = await loadRecordPerson(manager, personId);
      const byYear = await yearlyDoses(manager, personId, today);
      const adjustments = await loadAdjustments(manager, personId);
      const notMeasured = await loadNotMeasured(manager, personId);
      const totals = new Map<string, DoseSum>();
      let cumulativeTede = 0n;
      const years: HistoryYearDto[] = [];
      for (const [year, sums] of byYear) {
        for (const [quantity, sum] of sums)
          totals.set(quantity, addSums(totals.get(quantity), sum));
        cumulativeTede += form5Doses(sums).tede.totalNsv;
        years.push({
          year,
          ...form5Dto(sums),
          cumulativeTedeMSv: nanosievertsToMillisieverts(cumulativeTede),
          adjustmentCount: adjustments.filter(
            (a) => counts(a.kind) && a.date.startsWith(`${year}-`),
          ).length,
          includesPriorDose: notMeasured.priorDoses.some((p) => p.to.startsWith(`${year}-`)),
          includesEstimate: notMeasured.doseEstimates.some((e) => e.to.startsWith(`${year}-`)),
        });
      }
      return {
        person,
        asOf: now.toISOString(),
        years,
        total: form5Dto(totals),
        adjustments,
        ...notMeasured,
        notes: notesFor(notMeasured),
      };
    });
    return { json, document: () => historyDocument(json) };
  }
}

function addSums(a: DoseSum | undefined, b: DoseSum): DoseSum {
  return {
    totalNsv: (a?.totalNsv ?? 0n) + b.totalNsv,
    adjustmentsNsv: (a?.adjustmentsNsv ?? 0n) + b.adjustmentsNsv,
    priorNsv: (a?.priorNsv ?? 0n) + b.priorNsv,
    estimatedNsv: (a?.estimatedNsv ?? 0n) + b.estimatedNsv,
  };
}

function doseDto(sum: DoseSum): RecordDoseDto {
  return {
    mSv: nanosievertsToMillisieverts(sum.totalNsv),
    rem: nanosievertsToRem(sum.totalNsv),
    adjustmentsMSv: nanosievertsToMillisieverts(sum.adjustmentsNsv),
    priorMSv: nanosievertsToMillisieverts(sum.priorNsv),
    estimatedMSv: nanosievertsToMillisieverts(sum.estimatedNsv),
  };
}

function form5Dto(sums: ReadonlyMap<string, DoseSum>): Form5DosesDto {
  const doses = form5Doses(sums);
  return {
    dde: doseDto(doses.dde),
    lde: doseDto(doses.lde),
    sdeWholeBody: doseDto(doses.sdeWholeBody),
    sdeExtremity: doseDto(doses.sdeExtremity),
    cede: doseDto(doses.cede),
    cedeMonitored: false,
    tede: doseDto(doses.tede),
    embryoFetus: doseDto(doses.embryoFetus),
  };
}
