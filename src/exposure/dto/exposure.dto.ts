import { IsOptional } from 'class-validator';
import { IsZonedDateTime } from '../../common/zoned-date-time.js';

export class ExposureQueryDto {
  /** The instant the totals are taken at (default: now): ISO-8601 with a zone. */
  @IsOptional()
  @IsZonedDateTime()
  at?: string;
}

export class LimitUseDto {
  period: string;
  limitMSv: number;
  fraction: number;
}

/** The part of a period's dose no badge here measured, in mSv (DESIGN.md §4). */
export class NotMeasuredDoseDto {
  /** From other employers (POST /people/:id/prior-doses). */
  priorMSv: number;
  /** Estimated for periods no badge measured (POST /people/:id/dose-estimates). */
  estimatedMSv: number;
}

export class QuantityExposureDto {
  quarter: number;
  year: number;
  rolling12Months: number;
  rolling5Years: number;
  lifetime: number;
  pregnancy?: number;
  /** This year's dose plus the last 30 days' daily mean for each day left in the year. */
  projectedYearEnd: number;
  limits: LimitUseDto[];
  /**
   * Only when some period includes a prior dose or an estimate of this quantity: by period
   * (quarter, year, rolling12Months, rolling5Years, lifetime, pregnancy), that part of its dose.
   */
  notMeasured?: Record<string, NotMeasuredDoseDto>;
}

/** DESIGN.md §8 exposure answer: doses in mSv, exact to the nSv. */
export class ExposureDto {
  personId: string;
  asOf: string;
  profile: string;
  category: string;
  quantities: Record<string, QuantityExposureDto>;
}
