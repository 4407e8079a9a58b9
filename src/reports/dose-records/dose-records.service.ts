import { Injectable } from '@nestjs/common';
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
import { form5Doses, FORMS_NOTE, QUANTITY_NOTE, TEDE_NOTE, type DoseSum } from './form5.js';
import { loadAdjustments, loadRecordPerson, monitoringPeriod, yearlyDoses } from './record-data.js';

const NOTES = [FORMS_NOTE, QUANTITY_NOTE, TEDE_NOTE];

/** A worker's official dose records (10 CFR 20.2106): the year's Form 5, the Form 4 history. */
@Injectable()
export class DoseRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async annualRecord(personId: string, year?: number): Promise<Report<AnnualRecordDto>> {
    const now = new Date();
    const today = dayInZone(now, this.config.facilityTz);
    const recordYear = year ?? yearOf(today);
    const [first, last] = [`${recordYear}-01-01`, `${recordYear}-12-31`];
    // One snapshot: the doses, the adjustments they include and the period agree.
    const json = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const person = await loadRecordPerson(manager, personId);
      const sums = (await yearlyDoses(manager, personId, today, first, last)).get(recordYear);
      return {
        person,
        year: recordYear,
        monitoringPeriod: await monitoringPeriod(
          manager,
          personId,
          recordYear,
          now,
          this.config.facilityTz,
        ),
        final: last < today,
        asOf: now.toISOString(),
        doses: form5Dto(sums ?? new Map()),
        adjustments: await loadAdjustments(manager, personId, first, last),
        notes: NOTES,
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
            (a) => a.kind === 'dose' && a.date.startsWith(`${year}-`),
          ).length,
        });
      }
      return {
        person,
        asOf: now.toISOString(),
        years,
        total: form5Dto(totals),
        adjustments,
        notes: NOTES,
      };
    });
    return { json, document: () => historyDocument(json) };
  }
}

function addSums(a: DoseSum | undefined, b: DoseSum): DoseSum {
  return {
    totalNsv: (a?.totalNsv ?? 0n) + b.totalNsv,
    adjustmentsNsv: (a?.adjustmentsNsv ?? 0n) + b.adjustmentsNsv,
  };
}

function doseDto(sum: DoseSum): RecordDoseDto {
  return {
    mSv: nanosievertsToMillisieverts(sum.totalNsv),
    rem: nanosievertsToRem(sum.totalNsv),
    adjustmentsMSv: nanosievertsToMillisieverts(sum.adjustmentsNsv),
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
