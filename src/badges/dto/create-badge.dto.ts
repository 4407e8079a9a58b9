import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/zoned-date-time.js';
import { SERIAL_PATTERN } from '../badge-fields.js';
import { BODY_LOCATIONS, type BodyLocation } from '../../readings/body-location.js';
import { EXTREMITY_SIDES, type ExtremitySide } from '../../common/quantities.js';

/**
 * Upper bound of a register in µSv (1 kSv): electronic dosimeters saturate near 10 Sv, and
 * below 1e9 a value with three decimals (the nSv) is still exact in a double.
 */
export const MAX_REGISTER_USV = 1e9;

const IsOptionalRegister = () =>
  applyDecorators(
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(MAX_REGISTER_USV),
  );

/** Register values (µSv) the badge shows when registered: its first increment starts here. */
export class BaselineDto {
  @IsOptionalRegister()
  hp10?: number;

  @IsOptionalRegister()
  hp007?: number;

  @IsOptionalRegister()
  hp3?: number;
}

export class CreateBadgeDto {
  @IsString()
  @Matches(SERIAL_PATTERN, {
    message: 'serial must be 1-64 letters, digits or _.:- and start with a letter or digit',
  })
  serial: string;

  @IsIn(BODY_LOCATIONS)
  bodyLocation: BodyLocation;

  /**
   * An extremity badge's side (left or right hand): the record is the most exposed side's
   * dose (DESIGN.md §4). Without it, the badge's dose counts towards both sides.
   */
  @IsOptional()
  @IsIn(EXTREMITY_SIDES)
  side?: ExtremitySide;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BaselineDto)
  baseline?: BaselineDto;

  @IsOptional()
  @IsCalendarDate()
  calibrationDue?: string;
}
