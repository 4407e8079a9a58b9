import { applyDecorators } from '@nestjs/common';
import { IsNumber, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import {
  millisievertsToNanosieverts,
  nanosievertsToMillisieverts,
} from '../../common/dose-units.js';
import { MAX_ADJUSTMENT_MSV } from './adjustment.dto.js';

/** mSv with at most 6 decimals: the value is exactly a whole number of nSv (DESIGN.md §2). */
const IsWholeNanosieverts = () =>
  ValidateBy({
    name: 'isWholeNanosieverts',
    validator: {
      validate: (value) =>
        typeof value === 'number' &&
        Number.isFinite(value) &&
        nanosievertsToMillisieverts(millisievertsToNanosieverts(value)) === value,
      defaultMessage: (args) =>
        `${args?.property} must have at most 6 decimals (1 nSv = 0.000001 mSv)`,
    },
  });

const IsOptionalDoseMSv = () =>
  applyDecorators(
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(MAX_ADJUSTMENT_MSV),
    IsWholeNanosieverts(),
  );

/**
 * Doses not measured here, per record quantity, in mSv (≥ 0, exact to the nSv). A quantity
 * left out (or null) was not given, e.g. the other employer did not monitor it; 0 is a dose
 * of zero.
 * No fetal dose: it follows from the mother's record (DESIGN.md §4).
 */
export class DoseQuantitiesDto {
  @IsOptionalDoseMSv()
  effective?: number | null;

  @IsOptionalDoseMSv()
  eyeLens?: number | null;

  @IsOptionalDoseMSv()
  skin?: number | null;

  @IsOptionalDoseMSv()
  extremity?: number | null;
}
