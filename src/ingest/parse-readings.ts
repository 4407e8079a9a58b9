import { validateSync } from 'class-validator';
import { SERIAL_PATTERN } from '../badges/body-location.js';
import { microsievertsToNanosieverts } from '../common/dose-units.js';
import { BADGE_READING_FIELDS, BadgeReadingDto } from '../readings/dto/badge-reading.dto.js';
import type { ParsedReading } from '../readings/parsed-reading.js';
import type { Registers } from '../readings/registers.js';

/** DESIGN.md §3: a backlog upload carries at most this many readings. */
export const MAX_READINGS_PER_MESSAGE = 1000;

export interface Rejection {
  reason: string;
  /** The rejected item alone when one item of an array is bad; else the whole payload. */
  payload: Buffer;
}

export interface ParsedMessage {
  readings: ParsedReading[];
  rejections: Rejection[];
}

export interface ParseLimits {
  maxPayloadBytes: number;
  maxClockSkewMs: number;
  now: number;
}

/** Validates a readings message (one object or an array); every bad part becomes a rejection. */
export function parseReadingsMessage(
  serial: string,
  payload: Buffer,
  limits: ParseLimits,
): ParsedMessage {
  const reject = (reason: string): ParsedMessage => ({
    readings: [],
    rejections: [{ reason, payload }],
  });
  if (payload.length > limits.maxPayloadBytes) {
    return reject(
      `payload of ${payload.length} bytes exceeds MAX_PAYLOAD_BYTES (${limits.maxPayloadBytes})`,
    );
  }
  if (!SERIAL_PATTERN.test(serial)) return reject('the topic serial is not a valid badge serial');
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return reject('payload is not valid JSON');
  }
  const items = Array.isArray(body) ? body : [body];
  if (items.length > MAX_READINGS_PER_MESSAGE) {
    return reject(`batch of ${items.length} readings exceeds ${MAX_READINGS_PER_MESSAGE}`);
  }
  if (items.length === 0) return reject('empty batch');
  const parsed: ParsedMessage = { readings: [], rejections: [] };
  for (const item of items) {
    const result = parseReading(serial, item, limits);
    if (typeof result === 'string') {
      const itemPayload = Array.isArray(body) ? itemBytes(item, payload) : payload;
      parsed.rejections.push({ reason: result, payload: itemPayload });
    } else {
      parsed.readings.push(result);
    }
  }
  return parsed;
}

/**
 * One item of a batch as JSON. JSON.stringify recurses: an item nested a few thousand levels
 * deep (which JSON.parse accepts) overflows the stack, so such an item keeps the whole payload.
 */
function itemBytes(item: unknown, payload: Buffer): Buffer {
  try {
    return Buffer.from(JSON.stringify(item) ?? 'null');
  } catch {
    return payload;
  }
}

/** A reading, or the reason it is not one. */
function parseReading(serial: string, item: unknown, limits: ParseLimits): ParsedReading | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return 'a reading must be a JSON object';
  // Copy only known fields: keys such as __proto__ never reach an object of ours.
  const dto = new BadgeReadingDto();
  for (const field of BADGE_READING_FIELDS) {
    if (Object.hasOwn(item, field))
      (dto as unknown as Record<string, unknown>)[field] = (item as Record<string, unknown>)[field];
  }
  const errors = validateSync(dto, { forbidUnknownValues: true });
  if (errors.length > 0)
    return errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; ');
  const measuredAt = new Date(dto.measuredAt);
  if (Number.isNaN(measuredAt.getTime())) return 'measuredAt is not a valid date-time';
  if (measuredAt.getTime() > limits.now + limits.maxClockSkewMs) {
    return `measuredAt is ${Math.round((measuredAt.getTime() - limits.now) / 1000)} s in the future (more than MAX_CLOCK_SKEW)`;
  }
  const registers: Registers = {};
  if (dto.hp10 !== undefined) registers.hp10 = microsievertsToNanosieverts(dto.hp10);
  if (dto.hp007 !== undefined) registers.hp007 = microsievertsToNanosieverts(dto.hp007);
  if (dto.hp3 !== undefined) registers.hp3 = microsievertsToNanosieverts(dto.hp3);
  return {
    serial,
    seq: BigInt(dto.seq),
    measuredAt,
    registers,
    doseRateNsvH: dto.doseRate === undefined ? null : microsievertsToNanosieverts(dto.doseRate),
    battery: dto.battery === undefined ? null : Math.round(dto.battery),
  };
}
