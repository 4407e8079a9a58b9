import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import type { DoseEstimateDto, PriorDoseDto } from '../../adjustments/dto/not-measured.dto.js';
import { ReportFormatQueryDto } from '../report-format.js';

/** GET /reports/people/:id/dose-record?year=&format= */
export class AnnualRecordQueryDto extends ReportFormatQueryDto {
  /** Calendar year (facility time zone); the current one unless given. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(9999)
  year?: number;
}

export class RecordPersonDto {
  id: string;
  name: string;
  employeeId: string | null;
}

/**
 * A dose in mSv and rem, with the part that dose adjustments contributed (mSv), and of that
 * part what was not measured here: prior dose from other employers, and estimates.
 */
export class RecordDoseDto {
  mSv: number;
  rem: number;
  adjustmentsMSv: number;
  priorMSv: number;
  estimatedMSv: number;
}

/** The NRC Form 5 dose fields (see form5.ts for their mapping and sources). */
export class Form5DosesDto {
  dde: RecordDoseDto;
  lde: RecordDoseDto;
  sdeWholeBody: RecordDoseDto;
  sdeExtremity: RecordDoseDto;
  /** Always 0: no intake is monitored (`cedeMonitored: false`). */
  cede: RecordDoseDto;
  cedeMonitored: false;
  tede: RecordDoseDto;
  embryoFetus: RecordDoseDto;
}

/** Facility days, inclusive. */
export class MonitoringPeriodDto {
  from: string;
  to: string;
}

/** NRC Form 5 style annual record (10 CFR 20.2106). */
export class AnnualRecordDto {
  person: RecordPersonDto;
  year: number;
  /** The days within the year the person wore a badge (null: no badge assigned that year). */
  monitoringPeriod: MonitoringPeriodDto | null;
  /** The year is over: the record will not change unless corrected by an adjustment. */
  final: boolean;
  asOf: string;
  doses: Form5DosesDto;
  /** The year's doses include a prior dose from another employer (listed in priorDoses). */
  includesPriorDose: boolean;
  /** The year's doses include an estimate (NRC Form 5: ESTIMATE, not RECORD). */
  includesEstimate: boolean;
  /** Every adjustment, of every kind (a prior dose or estimate: one per quantity). */
  adjustments: AdjustmentDto[];
  priorDoses: PriorDoseDto[];
  doseEstimates: DoseEstimateDto[];
  notes: string[];
}

export class HistoryYearDto extends Form5DosesDto {
  year: number;
  /** Sum of TEDE through this year. */
  cumulativeTedeMSv: number;
  /** How many adjustments this year's doses include. */
  adjustmentCount: number;
  includesPriorDose: boolean;
  /** NRC Form 4 marks such a line ESTIMATE. */
  includesEstimate: boolean;
}

/** NRC Form 4 style cumulative history: one line per year with dose, and the totals. */
export class DoseHistoryDto {
  person: RecordPersonDto;
  asOf: string;
  years: HistoryYearDto[];
  total: Form5DosesDto;
  adjustments: AdjustmentDto[];
  priorDoses: PriorDoseDto[];
  doseEstimates: DoseEstimateDto[];
  notes: string[];
}
