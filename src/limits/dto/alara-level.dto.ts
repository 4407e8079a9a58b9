import {
  IsIn,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import {
  millisievertsToNanosieverts,
  nanosievertsToMillisieverts,
} from '../../common/dose-units.js';
import type { AlaraLevel } from '../alara-level.entity.js';
import { ALARA_QUANTITIES, type AlaraQuantity } from '../investigation-levels.js';
import { MAX_LIMIT_MSV, MIN_LIMIT_MSV } from './limit-profile.dto.js';

/** A number of mSv that is a whole number of nSv: at most 6 decimals, nothing rounded away. */
const isWholeNanosieverts = (value: unknown): boolean =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  nanosievertsToMillisieverts(millisievertsToNanosieverts(value)) === value;

function InWholeNanosieverts(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'inWholeNanosieverts',
      validator: {
        validate: isWholeNanosieverts,
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be in mSv with at most 6 decimals`,
      },
    },
    options,
  );
}

/** Above the number in another property (both whole nSv, so compared exactly in nSv). */
function IsAbove(other: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAbove',
      constraints: [other],
      validator: {
        validate: (value: unknown, { object }: ValidationArguments) => {
          const below = (object as Record<string, unknown>)[other];
          // A bad number is its own property's error, not this one's.
          if (!isWholeNanosieverts(value) || !isWholeNanosieverts(below)) return true;
          return (
            millisievertsToNanosieverts(value as number) >
            millisievertsToNanosieverts(below as number)
          );
        },
        defaultMessage: ({ property }: ValidationArguments) => `${property} must be above ${other}`,
      },
    },
    options,
  );
}

/**
 * PUT /limit-profiles/:profile/alara-levels: sets the profile's ALARA investigation levels
 * for one quantity (insert or replace), as dose within one calendar quarter.
 */
export class PutAlaraLevelDto {
  @IsIn(ALARA_QUANTITIES)
  quantity: AlaraQuantity;

  /** Level I (`notice`), mSv a quarter. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @InWholeNanosieverts()
  @Min(MIN_LIMIT_MSV)
  @Max(MAX_LIMIT_MSV)
  levelIMSv: number;

  /** Level II (`warning`), mSv a quarter; above Level I. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @InWholeNanosieverts()
  @Min(MIN_LIMIT_MSV)
  @Max(MAX_LIMIT_MSV)
  @IsAbove('levelIMSv')
  levelIIMSv: number;

  /** The guidance the numbers come from, or the RSO's reason for their own. */
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'source must not be blank' })
  source: string;
}

/** A profile's investigation levels for one quantity, mSv within one calendar quarter. */
export class AlaraLevelDto {
  quantity: string;
  levelIMSv: number;
  levelIIMSv: number;
  source: string;
}

/** The one mapping of stored levels to the API's mSv. */
export function alaraLevelDto(levels: AlaraLevel): AlaraLevelDto {
  return {
    quantity: levels.quantity,
    levelIMSv: nanosievertsToMillisieverts(levels.levelINsv),
    levelIIMSv: nanosievertsToMillisieverts(levels.levelIINsv),
    source: levels.source,
  };
}
