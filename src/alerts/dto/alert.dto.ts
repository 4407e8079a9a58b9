import { ApiProperty } from '@nestjs/swagger';
import { patientQuantityUnit } from '../../limits/patient-thresholds.js';
import {
  nanosievertsToMicrosieverts,
  nanosievertsToMillisieverts,
} from '../../common/dose-units.js';
import type { Alert } from '../alert.entity.js';

/**
 * The alert object of DESIGN.md §6, as published on MQTT and pushed over server-sent events:
 * doses in mSv, `fraction` of the limit (alaraQuarter: of the investigation level reached).
 */
export class AlertMessageDto {
  id: string;
  kind: string;
  level: string;
  personId: string | null;
  badgeSerial?: string;
  quantity?: string;
  period?: string;
  /** Doses only: `value` and `limit` again, kept for clients written before `unit`. */
  valueMSv?: number;
  limitMSv?: number;
  /** In `unit`: mSv for a dose, µSv/h for a dose rate; a patient's skin in mGy, Gy·cm² or min. */
  value?: number;
  limit?: number;
  unit?: string;
  fraction?: number;
  raisedAt: string;
  state: string;
}

/** `doseRate` alerts hold the rate in nSv/h and carry it in µSv/h, the unit of §3.1. */
const RATE_UNIT = 'µSv/h';
const DOSE_UNIT = 'mSv';

/** The alert in the API: the message plus its workflow and the rule's facts. */
export class AlertDto extends AlertMessageDto {
  updatedAt: string;
  /** The rule's own facts, a JSON object whose fields depend on `kind`; null when it has none. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  detail: unknown;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgeNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolveNote: string | null;
}

type MessageFields = Pick<
  Alert,
  | 'id'
  | 'kind'
  | 'level'
  | 'personId'
  | 'badgeSerial'
  | 'quantity'
  | 'period'
  | 'valueNsv'
  | 'limitNsv'
  | 'raisedAt'
  | 'state'
>;

export function toAlertMessage(alert: MessageFields): AlertMessageDto {
  const { valueNsv, limitNsv } = alert;
  return {
    id: alert.id,
    kind: alert.kind,
    level: alert.level,
    personId: alert.personId,
    ...(alert.badgeSerial === null ? {} : { badgeSerial: alert.badgeSerial }),
    ...(alert.quantity === null ? {} : { quantity: alert.quantity }),
    ...(alert.period === null ? {} : { period: alert.period }),
    ...amounts(alert),
    ...(valueNsv !== null && limitNsv !== null && limitNsv > 0n
      ? { fraction: Number(valueNsv) / Number(limitNsv) }
      : {}),
    raisedAt: alert.raisedAt.toISOString(),
    state: alert.state,
  };
}

/**
 * Air kerma and peak skin dose go out in mGy, as DESIGN.md §6 has them on MQTT and the API
 * ("an air kerma its mGy: the unit says which"), though their thresholds are edited in Gy.
 */
const onTheWire = (
  unit: ReturnType<typeof patientQuantityUnit>,
): ReturnType<typeof patientQuantityUnit> =>
  unit?.unit === 'Gy' ? { unit: 'mGy', perUnit: 1_000_000n } : unit; // nGy in one mGy

/**
 * The alert's value and reference: doses in mSv; a patientSkin quantity in its unit on the wire
 * (air kerma and peak skin dose in mGy, dose-area product in Gy·cm², fluoroscopy time in min),
 * from the millionths the columns hold.
 */
function amounts(
  alert: Pick<Alert, 'kind' | 'quantity' | 'valueNsv' | 'limitNsv'>,
): Partial<AlertMessageDto> {
  const { valueNsv, limitNsv } = alert;
  if (alert.kind === 'doseRate')
    return {
      ...(valueNsv === null ? {} : { value: nanosievertsToMicrosieverts(valueNsv) }),
      ...(limitNsv === null ? {} : { limit: nanosievertsToMicrosieverts(limitNsv) }),
      unit: RATE_UNIT,
    };
  const skin =
    alert.kind === 'patientSkin' && alert.quantity !== null
      ? onTheWire(patientQuantityUnit(alert.quantity))
      : undefined;
  if (skin) {
    // Correctly rounded: the nearest number to the exact quotient of two exact integers.
    const inUnit = (millionths: bigint) => Number(millionths) / Number(skin.perUnit);
    return {
      ...(valueNsv === null ? {} : { value: inUnit(valueNsv) }),
      ...(limitNsv === null ? {} : { limit: inUnit(limitNsv) }),
      unit: skin.unit,
    };
  }
  if (valueNsv === null && limitNsv === null) return {};
  const value = valueNsv === null ? undefined : nanosievertsToMillisieverts(valueNsv);
  const limit = limitNsv === null ? undefined : nanosievertsToMillisieverts(limitNsv);
  return {
    ...(value === undefined ? {} : { value, valueMSv: value }),
    ...(limit === undefined ? {} : { limit, limitMSv: limit }),
    unit: DOSE_UNIT,
  };
}

export function toAlertDto(alert: Alert): AlertDto {
  return {
    ...toAlertMessage(alert),
    updatedAt: alert.updatedAt.toISOString(),
    detail: alert.detail ?? null,
    acknowledgedBy: alert.acknowledgedBy,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgeNote: alert.acknowledgeNote,
    resolvedBy: alert.resolvedBy,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    resolveNote: alert.resolveNote,
  };
}
