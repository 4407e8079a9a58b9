import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsZonedDateTime } from '../../common/zoned-date-time.js';

/**
 * Makes a change to an assignment that takes readings or dose from someone's record allowed
 * (DESIGN.md §7): the readings are re-attributed and the dose each record gains or loses is
 * listed with that person's adjustments, with this reason and the caller as author.
 */
export class AssignmentCorrectionDto {
  /** Why the record was wrong: kept with every adjustment the correction books, and audited. */
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'correction.reason must not be empty' })
  reason: string;
}

/** The optional `correction` member of a request that changes an assignment's period. */
export const IsOptionalCorrection = () =>
  applyDecorators(
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => AssignmentCorrectionDto),
  );

/** PATCH /badges/:serial/assignments/:id: a new start or end (null: worn again, open-ended). */
export class UpdateAssignmentDto {
  @IsOptional()
  @IsZonedDateTime()
  from?: string;

  @IsOptional()
  @IsZonedDateTime()
  to?: string | null;

  @IsOptionalCorrection()
  correction?: AssignmentCorrectionDto;
}
