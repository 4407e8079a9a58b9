import { SERIAL_PATTERN } from '../badges/badge-fields.js';
import { microsievertsToNanosieverts } from '../common/dose-units.js';
import { deviceTime, parseBatch, validateItem, type ParseLimits } from '../mqtt/parse-batch.js';
import { BADGE_READING_FIELDS, BadgeReadingDto } from '../readings/dto/badge-reading.dto.js';
import type { ParsedReading } from '../readings/parsed-reading.js';
import type { Registers } from '../readings/registers.js';
import { wellFormedReading } from './well-formed-reading.js';
import { rejectedMessage, type ParsedMessage } from './parsed-message.js';

/** Validates a readings message (one object or an array); every bad part becomes a rejection. */
export function parseReadingsMessage(
  serial: string,
  payload: Buffer,
  limits: ParseLimits,
): ParsedMessage {
  if (!SERIAL_PATTERN.test(serial))
    return rejectedMessage('the topic serial is not a valid badge serial', { payload });
  const { items, rejections } = parseBatch(payload, limits, 'readings', (item) =>
    parseReading(serial, item, limits),
  );
  return { readings: items, exposures: [], rejections };
}

/** A reading, or the reason it is not one. */
function parseReading(serial: string, item: unknown, limits: ParseLimits): ParsedReading | string {
  const dto =
    wellFormedReading(item) ??
    validateItem(item, new BadgeReadingDto(), BADGE_READING_FIELDS, 'a reading');
  if (typeof dto === 'string') return dto;
  const measuredAt = deviceTime('measuredAt', dto.measuredAt, limits);
  if (typeof measuredAt === 'string') return measuredAt;
  const registers: Registers = {};
  if (present(dto.hp10)) registers.hp10 = microsievertsToNanosieverts(dto.hp10);
  if (present(dto.hp007)) registers.hp007 = microsievertsToNanosieverts(dto.hp007);
  if (present(dto.hp3)) registers.hp3 = microsievertsToNanosieverts(dto.hp3);
  return {
    serial,
    seq: BigInt(dto.seq),
    measuredAt,
    registers,
    doseRateNsvH: present(dto.doseRate) ? microsievertsToNanosieverts(dto.doseRate) : null,
    battery: present(dto.battery) ? Math.round(dto.battery) : null,
  };
}

/** A null field is an absent one: @IsOptional lets null through. */
function present(value: number | null | undefined): value is number {
  return value !== null && value !== undefined;
}
