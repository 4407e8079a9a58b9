import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
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

/**
 * One record quantity. `monitored: false`: no badge the person wore up to `asOf` measures it
 * and no dose of it is recorded (an apron wearer with a trunk badge only has no eye-lens dose;
 * the fetal dose outside a declared pregnancy): its doses are null, not 0 (DESIGN.md §4).
 */
@ApiExtraModels(NotMeasuredDoseDto)
export class QuantityExposureDto {
  monitored: boolean;
  quarter: number | null;
  year: number | null;
  rolling12Months: number | null;
  rolling5Years: number | null;
  lifetime: number | null;
  /** Dose since the running pregnancy's first counted day; only while one runs. */
  pregnancy?: number;
  /** This year's dose plus the last 30 days' daily mean for each day left in the year. */
  projectedYearEnd: number | null;
  limits: LimitUseDto[];
  /**
   * Only when some period includes a prior dose or an estimate of this quantity: by period
   * (quarter, year, rolling12Months, rolling5Years, lifetime, pregnancy), that part of its dose.
   */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(NotMeasuredDoseDto) },
  })
  notMeasured?: Record<string, NotMeasuredDoseDto>;
}

/** DESIGN.md §8 exposure answer: doses in mSv, exact to the nSv. */
@ApiExtraModels(QuantityExposureDto)
export class ExposureDto {
  personId: string;
  asOf: string;
  profile: string;
  category: string;
  /** By record quantity: effective, eyeLens, skin, extremity, fetal. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(QuantityExposureDto) },
  })
  quantities: Record<string, QuantityExposureDto>;
}
