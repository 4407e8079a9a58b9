import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { AdjustmentDto } from '../../adjustments/dto/adjustment.dto.js';
import type { DoseEstimateDto, PriorDoseDto } from '../../adjustments/dto/not-measured.dto.js';
import type { EuWorkerCategory, IdType, Sex } from '../../people/person-options.js';
import type { Form5Box } from '../dose-records/nrc-form5.js';
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

/** Who a record is about: NRC Form 5/4 boxes 1 to 5 (name, ID number and type, sex, birth). */
export class RecordPersonDto {
  id: string;
  name: string;
  /** The ID number (box 2). */
  employeeId: string | null;
  idType: IdType | null;
  sex: Sex | null;
  dateOfBirth: string | null;
  profile: string;
  euCategory: EuWorkerCategory | null;
}

/** One dose box of NRC Form 5 (nrc-form5.ts). */
export class Form5BoxDto {
  /** The form's box number, e.g. 11A. */
  box: string;
  /** The form's abbreviation, e.g. EDEX. */
  label: string;
  /** Where the figure comes from (README, Reports). */
  source: string;
  /** What the box says: the dose in rem, or NR (not required) or ND (not detectable). */
  entry: string;
  rem: number | null;
  mSv: number | null;
  /** Of the dose written, what dose adjustments added and, of that, what was estimated. */
  adjustmentsMSv: number;
  estimatedMSv: number;
  /** Other employers' prior dose in the ledger's sum, left out of the box (on Form 4). */
  priorExcludedMSv: number;
}

/** NRC Form 5 boxes 7 and 8 (settings LICENSEE_NAME, LICENSE_NUMBER). */
export class LicenseeDto {
  name: string | null;
  licenseNumber: string | null;
}

/** Facility days, inclusive. */
export class MonitoringPeriodDto {
  from: string;
  to: string;
}

/** NRC Form 5, the annual record (10 CFR 20.2106), filled as nrc-form5.ts says. */
export class AnnualRecordDto {
  /** The form and its revision. */
  form: string;
  person: RecordPersonDto;
  year: number;
  licensee: LicenseeDto;
  /** Box 9: ESTIMATE when any dose estimate is in the period, else RECORD. */
  recordType: 'record' | 'estimate';
  /** Box 9: ROUTINE; PSE (planned special exposure, 10 CFR 20.1206) is never recorded here. */
  exposure: 'routine';
  /** The days within the year the person wore a badge (null: no badge assigned that year). */
  monitoringPeriod: MonitoringPeriodDto | null;
  /** The year is over: the record will not change unless corrected by an adjustment. */
  final: boolean;
  asOf: string;
  boxes: Record<Form5Box, Form5BoxDto>;
  /** A declared pregnant worker's embryo/fetus dose, kept with her record (20.2106(e)). */
  embryoFetus: Form5BoxDto;
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

/** One line of NRC Form 4: a monitoring period here or at a prior employer. */
export class Form4LineDto {
  monitoringPeriod: MonitoringPeriodDto;
  /** This licensee's (settings), or the prior employer's name. */
  licensee: LicenseeDto;
  priorEmployer: boolean;
  recordType: 'record' | 'estimate';
  exposure: 'routine';
  boxes: Record<Form5Box, Form5BoxDto>;
}

/** NRC Form 4, the cumulative occupational dose history, with lifetime totals. */
export class DoseHistoryDto {
  form: string;
  person: RecordPersonDto;
  asOf: string;
  lines: Form4LineDto[];
  /** Each box summed over the lines. */
  lifetime: Record<Form5Box, Form5BoxDto>;
  adjustments: AdjustmentDto[];
  priorDoses: PriorDoseDto[];
  doseEstimates: DoseEstimateDto[];
  notes: string[];
}
