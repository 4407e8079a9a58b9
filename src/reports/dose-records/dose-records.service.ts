import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { yearOf } from '../../calendar/days.js';
import { dayInZone } from '../../calendar/facility-day.js';
import { AppConfig } from '../../config/app-config.js';
import type { AnnualRecordDto, DoseHistoryDto, Form4LineDto } from '../dto/dose-record.dto.js';
import type {
  EuDoseHistoryDto,
  EuDoseRecordDto,
  EuHistoryYearDto,
} from '../dto/eu-dose-record.dto.js';
import type { Report } from '../report-format.js';
import { annualRecordDocument, historyDocument } from './dose-record-documents.js';
import { addFacts, EU_RECORD, euRecordDoses } from './eu-record.js';
import { euHistoryDocument, euRecordDocument } from './eu-record-document.js';
import { form5Facts } from './form5-data.js';
import { boxesDto, form5BoxesDto } from './form5-dto.js';
import { euNotesFor, form4NotesFor, form5NotesFor } from './form5-notes.js';
import { lifetimeTotals, NRC_FORM4, priorEmployerBoxes, type Form5Values } from './nrc-form4.js';
import { form5Boxes, NRC_FORM5, type Form5Facts, type Form5Value } from './nrc-form5.js';
import {
  loadAdjustments,
  loadNotMeasured,
  loadRecordPerson,
  monitoringPeriod,
  recordYears,
  yearlyDoses,
} from './record-data.js';

/** The profile whose workers get the NRC forms (10 CFR Part 20); the others the EU record. */
const NRC_PROFILE = 'us-nrc';

const hasDose = (values: Form5Values): boolean =>
  Object.values(values).some((value: Form5Value) => value.nsv !== null);

/** A worker's official dose records (10 CFR 20.2106): the year's Form 5, the Form 4 history. */
@Injectable()
export class DoseRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private licensee() {
    return {
      name: this.config.licenseeName ?? null,
      licenseNumber: this.config.licenseNumber ?? null,
    };
  }

  /** The year's record: NRC Form 5 for a `us-nrc` worker, the EU record for the others. */
  async annualRecord(
    personId: string,
    year?: number,
  ): Promise<Report<AnnualRecordDto | EuDoseRecordDto>> {
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
      const facts = await form5Facts(manager, personId, sums, first, last, timeZone);
      const common = {
        person,
        year: recordYear,
        monitoringPeriod: await monitoringPeriod(manager, personId, recordYear, now, timeZone),
        final: last < today,
        asOf: now.toISOString(),
      };
      const listed = {
        adjustments: await loadAdjustments(manager, personId, first, last),
        ...notMeasured,
      };
      if (person.profile !== NRC_PROFILE)
        return {
          record: EU_RECORD,
          ...common,
          category: person.euCategory,
          undertaking: this.licensee(),
          doses: euRecordDoses(facts),
          includesEstimate: notMeasured.doseEstimates.length > 0,
          includesOtherUndertakings: notMeasured.priorDoses.length > 0,
          ...listed,
          notes: euNotesFor(notMeasured),
        } satisfies EuDoseRecordDto;
      return {
        form: NRC_FORM5,
        ...common,
        licensee: this.licensee(),
        recordType: notMeasured.doseEstimates.length > 0 ? 'estimate' : 'record',
        exposure: 'routine',
        ...form5BoxesDto(facts),
        includesPriorDose: notMeasured.priorDoses.length > 0,
        includesEstimate: notMeasured.doseEstimates.length > 0,
        ...listed,
        notes: form5NotesFor(notMeasured),
      } satisfies AnnualRecordDto;
    });
    if ('record' in json) return { json, document: () => euRecordDocument(json) };
    return { json, document: () => annualRecordDocument(json) };
  }

  /** The history: NRC Form 4 for a `us-nrc` worker, the EU record's years for the others. */
  async history(personId: string): Promise<Report<DoseHistoryDto | EuDoseHistoryDto>> {
    const person = await this.dataSource.transaction((manager) =>
      loadRecordPerson(manager, personId),
    );
    return person.profile === NRC_PROFILE ? this.form4(personId) : this.euHistory(personId);
  }

  /** Every year with dose as its EU record, and the lifetime sums (2013/59/Euratom Art. 43). */
  private async euHistory(personId: string): Promise<Report<EuDoseHistoryDto>> {
    const now = new Date();
    const timeZone = this.config.facilityTz;
    const today = dayInZone(now, timeZone);
    const json = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const person = await loadRecordPerson(manager, personId);
      const notMeasured = await loadNotMeasured(manager, personId);
      const years: EuHistoryYearDto[] = [];
      const allFacts: Form5Facts[] = [];
      const byYear = await yearlyDoses(manager, personId, today);
      for (const year of await recordYears(manager, personId, now, timeZone, byYear.keys())) {
        const [first, last] = [`${year}-01-01`, `${year}-12-31`];
        const sums = byYear.get(year);
        const facts = await form5Facts(manager, personId, sums, first, last, timeZone);
        const period = await monitoringPeriod(manager, personId, year, now, timeZone);
        if (!period && !sums) continue;
        allFacts.push(facts);
        const inYear = (entry: { to: string }) => entry.to.startsWith(`${year}-`);
        years.push({
          year,
          monitoringPeriod: period,
          doses: euRecordDoses(facts),
          includesEstimate: notMeasured.doseEstimates.some(inYear),
          includesOtherUndertakings: notMeasured.priorDoses.some(inYear),
        });
      }
      return {
        record: EU_RECORD,
        person,
        category: person.euCategory,
        undertaking: this.licensee(),
        asOf: now.toISOString(),
        years,
        lifetime: euRecordDoses(addFacts(allFacts)),
        adjustments: await loadAdjustments(manager, personId),
        ...notMeasured,
        notes: euNotesFor(notMeasured),
      };
    });
    return { json, document: () => euHistoryDocument(json) };
  }

  /**
   * NRC Form 4: a line per prior employer's period (10 CFR 20.2104) and per year of this
   * licensee's (its Form 5 boxes), in order of the periods, and the lifetime totals.
   */
  private async form4(personId: string): Promise<Report<DoseHistoryDto>> {
    const now = new Date();
    const timeZone = this.config.facilityTz;
    const today = dayInZone(now, timeZone);
    const json = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const person = await loadRecordPerson(manager, personId);
      const byYear = await yearlyDoses(manager, personId, today);
      const notMeasured = await loadNotMeasured(manager, personId);
      const lines: { line: Form4LineDto; values: Form5Values }[] = [];
      for (const prior of notMeasured.priorDoses) {
        const values = priorEmployerBoxes(prior.quantities);
        lines.push({
          values,
          line: {
            monitoringPeriod: { from: prior.from, to: prior.to },
            licensee: { name: prior.employer, licenseNumber: null },
            priorEmployer: true,
            recordType: 'record',
            exposure: 'routine',
            boxes: boxesDto(values),
          },
        });
      }
      for (const year of await recordYears(manager, personId, now, timeZone, byYear.keys())) {
        const [first, last] = [`${year}-01-01`, `${year}-12-31`];
        const sums = byYear.get(year);
        const values = form5Boxes(await form5Facts(manager, personId, sums, first, last, timeZone));
        const period = await monitoringPeriod(manager, personId, year, now, timeZone);
        if (!period && !hasDose(values)) continue;
        const estimated = notMeasured.doseEstimates.some((e) => e.to.startsWith(`${year}-`));
        lines.push({
          values,
          line: {
            monitoringPeriod: period ?? { from: first, to: last < today ? last : today },
            licensee: this.licensee(),
            priorEmployer: false,
            recordType: estimated ? 'estimate' : 'record',
            exposure: 'routine',
            boxes: boxesDto(values),
          },
        });
      }
      lines.sort((a, b) =>
        a.line.monitoringPeriod.from.localeCompare(b.line.monitoringPeriod.from),
      );
      return {
        form: NRC_FORM4,
        person,
        asOf: now.toISOString(),
        lines: lines.map(({ line }) => line),
        lifetime: boxesDto(lifetimeTotals(lines.map(({ values }) => values))),
        adjustments: await loadAdjustments(manager, personId),
        ...notMeasured,
        notes: form4NotesFor(notMeasured),
      };
    });
    return { json, document: () => historyDocument(json) };
  }
}
