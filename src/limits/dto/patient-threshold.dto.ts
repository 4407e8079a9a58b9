import { ApiProperty } from '@nestjs/swagger';
import {
  IsIn,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { fromMillionths, toMillionths } from '../../common/dose-units.js';
import { ALERT_LEVELS, type AlertLevel } from '../alert-thresholds.js';
import type { PatientAlertThreshold } from '../patient-alert-threshold.entity.js';
import {
  PATIENT_QUANTITIES,
  PATIENT_SCOPES,
  patientRule,
  type PatientQuantity,
  type PatientScope,
} from '../patient-thresholds.js';

/** A positive number with at most 6 decimals: every unit here is a whole multiple of 10⁶ stored millionths. */
const isPositiveSixDecimals = (value: unknown): boolean =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  value > 0 &&
  fromMillionths(toMillionths(value)) === value;

/**
 * PUT /patient-alert-thresholds: sets one level of one patient rule (insert or replace), in
 * the rule's unit (GET lists them with it): Gy, Gy·cm², min or mSv.
 */
export class PutPatientThresholdDto {
  @IsIn(PATIENT_QUANTITIES)
  quantity: PatientQuantity;

  @IsIn(PATIENT_SCOPES)
  scope: PatientScope;

  @IsIn(ALERT_LEVELS)
  level: AlertLevel;

  /** In the rule's unit; above the lower levels' of the rule, below the higher ones'. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @ValidateBy({
    name: 'isPositiveSixDecimals',
    validator: {
      validate: isPositiveSixDecimals,
      defaultMessage: ({ property }: ValidationArguments) =>
        `${property} must be above 0 with at most 6 decimals`,
    },
  })
  @Max(1_000_000)
  atLeast: number;

  /** The guidance the number comes from, or the RSO's reason for their own. */
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'source must not be blank' })
  source: string;
}

/** One level of one patient rule, in the rule's unit. */
export class PatientThresholdDto {
  quantity: string;
  scope: string;
  level: string;
  /** The amount at which the level is reached (`above`: the amount must exceed it). */
  atLeast: number;
  unit: string;
  @ApiProperty({ enum: ['atLeast', 'above'] })
  comparison: 'atLeast' | 'above';
  source: string;
}

/** The one mapping of a stored row to the API's unit. */
export function patientThresholdDto(row: PatientAlertThreshold): PatientThresholdDto {
  const rule = patientRule(row.quantity, row.scope);
  if (!rule) throw new Error(`no patient rule ${row.quantity}/${row.scope}`);
  return {
    quantity: row.quantity,
    scope: row.scope,
    level: row.level,
    // Correctly rounded: the nearest number to the exact quotient of two exact integers.
    atLeast: Number(row.atLeast) / Number(rule.perUnit),
    unit: rule.unit,
    comparison: rule.comparison,
    source: row.source,
  };
}

/** The API's amount in stored millionths: exact, as every unit is a multiple of 10⁶ of them. */
export function storedAmount(atLeast: number, perUnit: bigint): bigint {
  return (toMillionths(atLeast) * perUnit) / 1_000_000n;
}
