import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import type { DoseEstimateDto, PriorDoseDto } from '../../adjustments/dto/not-measured.dto.js';
import type { LicenseeDto, MonitoringPeriodDto, RecordPersonDto } from './dose-record.dto.js';

/** One result of an EU record (eu-record.ts), mSv. */
export class EuRecordDoseDto {
  quantity: string;
  /** Some badge the worker wore in the year measures it. */
  monitored: boolean;
  /** The year's dose, every undertaking's; null when not monitored and none recorded. */
  mSv: number | null;
  thisUndertakingMSv: number | null;
  /** Received at other undertakings (prior doses: Annex X, Section B, point 2). */
  otherUndertakingsMSv: number;
  /** Estimated for periods no badge measured (flagged: Art. 41(3)). */
  estimatedMSv: number;
  /** What dose adjustments (of every counted kind) make of it. */
  adjustmentsMSv: number;
}

/** The EU individual dose record of a year (2013/59/Euratom Art. 43, Annex X), in mSv. */
export class EuDoseRecordDto {
  record: string;
  person: RecordPersonDto;
  /** Art. 40 classification, A or B; null when not classified. */
  category: 'A' | 'B' | null;
  /** The undertaking (settings LICENSEE_NAME, LICENSE_NUMBER as its identification). */
  undertaking: LicenseeDto;
  year: number;
  monitoringPeriod: MonitoringPeriodDto | null;
  final: boolean;
  asOf: string;
  doses: EuRecordDoseDto[];
  /** Some dose of the year is an estimate (listed in doseEstimates). */
  includesEstimate: boolean;
  /** Some dose of the year was received at other undertakings (listed in priorDoses). */
  includesOtherUndertakings: boolean;
  adjustments: AdjustmentDto[];
  priorDoses: PriorDoseDto[];
  doseEstimates: DoseEstimateDto[];
  notes: string[];
}

/** One year of an EU dose history. */
export class EuHistoryYearDto {
  year: number;
  monitoringPeriod: MonitoringPeriodDto | null;
  doses: EuRecordDoseDto[];
  includesEstimate: boolean;
  includesOtherUndertakings: boolean;
}

/** An `eu` worker's dose history: the EU record of every year with dose, and the totals. */
export class EuDoseHistoryDto {
  record: string;
  person: RecordPersonDto;
  category: 'A' | 'B' | null;
  undertaking: LicenseeDto;
  asOf: string;
  years: EuHistoryYearDto[];
  /** Each result summed over the years (the fetal dose over the years of a pregnancy). */
  lifetime: EuRecordDoseDto[];
  adjustments: AdjustmentDto[];
  priorDoses: PriorDoseDto[];
  doseEstimates: DoseEstimateDto[];
  notes: string[];
}
