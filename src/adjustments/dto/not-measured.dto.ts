import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/zoned-date-time.js';
import {
  ESTIMATE_METHODS,
  ESTIMATE_REASONS,
  type EstimateMethod,
  type EstimateReason,
} from '../not-measured/estimate-terms.js';
import { DoseQuantitiesDto } from './dose-quantities.dto.js';

const QUANTITY_NAMES = 'effective, eyeLens, skin or extremity';

/** The period and doses both requests share: facility days, inclusive, within one calendar year. */
class NotMeasuredRequestDto {
  /** First facility day (YYYY-MM-DD) of the period. */
  @IsCalendarDate()
  from: string;

  /** Last facility day (YYYY-MM-DD), in the same year, not in the future: the dose counts on it. */
  @IsCalendarDate()
  to: string;

  @ValidateNested()
  @Type(() => DoseQuantitiesDto)
  @IsNotEmptyObject(
    { nullable: false },
    { message: `quantities must give at least one of ${QUANTITY_NAMES}` },
  )
  quantities: DoseQuantitiesDto;
}

/** POST /people/:id/prior-doses: dose received at another employer (10 CFR 20.2104). */
export class CreatePriorDoseDto extends NotMeasuredRequestDto {
  @IsString()
  @MaxLength(200)
  employer: string;

  /** The record the dose comes from, e.g. "NRC Form 5 from X, 2026". */
  @IsString()
  @MaxLength(500)
  sourceDocument: string;
}

/** POST /people/:id/dose-estimates: dose for a period no badge measured. */
export class CreateDoseEstimateDto extends NotMeasuredRequestDto {
  @IsIn(ESTIMATE_METHODS)
  method: EstimateMethod;

  @IsIn(ESTIMATE_REASONS)
  reason: EstimateReason;

  /** How the estimate was made; required when method or reason is `other`. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** Doses per quantity in mSv; only the quantities given. */
export type DoseQuantitiesMSv = Partial<
  Record<'effective' | 'eyeLens' | 'skin' | 'extremity', number>
>;

class NotMeasuredDto {
  id: string;
  personId: string;
  from: string;
  to: string;
  /** The facility day the doses count on in every period sum: the period's last day. */
  bookedOn: string;
  /** The same fields as the request's. */
  @ApiProperty({ type: DoseQuantitiesDto })
  quantities: DoseQuantitiesMSv;
  /** The login that entered it. */
  author: string;
  createdAt: string;
}

export class PriorDoseDto extends NotMeasuredDto {
  employer: string;
  sourceDocument: string;
}

export class DoseEstimateDto extends NotMeasuredDto {
  method: string;
  reason: string;
  note: string | null;
}
