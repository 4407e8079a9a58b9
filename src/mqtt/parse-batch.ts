import { validateSync } from 'class-validator';
import { redactedSkeleton } from '../common/redacted-skeleton.js';

/** DESIGN.md §3: one message carries one item or an array of at most this many. */
export const MAX_ITEMS_PER_MESSAGE = 1000;

/** What the rejected store keeps of a message or item: its bytes, or their redacted skeleton. */
export interface KeptPayload {
  /** The rejected item alone when one item of an array is bad; else the whole payload. */
  payload: Buffer;
  /**
   * Set when `payload` is a redacted skeleton, not the bytes received (a modality's message
   * may hold patient ids, DESIGN.md §3.3): the size of what was received, in bytes.
   */
  redactedBytes?: number;
}

export interface Rejection extends KeptPayload {
  reason: string;
}

export interface ParseLimits {
  maxPayloadBytes: number;
  maxClockSkewMs: number;
  now: number;
}

/**
 * Splits a device message (one JSON object or an array of them) into its valid items and the
 * rejections of everything else (DESIGN.md §3.3): a bad item never takes its neighbours with it.
 */
export function parseBatch<T>(
  payload: Buffer,
  limits: ParseLimits,
  /** What an item is, in the plural, for the reasons: `readings`, `events`. */
  itemsName: string,
  parseItem: (item: unknown) => T | string,
): { items: T[]; rejections: Rejection[] } {
  const reject = (reason: string) => ({ items: [], rejections: [{ reason, payload }] });
  if (payload.length > limits.maxPayloadBytes) {
    return reject(
      `payload of ${payload.length} bytes exceeds MAX_PAYLOAD_BYTES (${limits.maxPayloadBytes})`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return reject('payload is not valid JSON');
  }
  const items = Array.isArray(body) ? body : [body];
  if (items.length > MAX_ITEMS_PER_MESSAGE)
    return reject(`batch of ${items.length} ${itemsName} exceeds ${MAX_ITEMS_PER_MESSAGE}`);
  if (items.length === 0) return reject('empty batch');
  const parsed: { items: T[]; rejections: Rejection[] } = { items: [], rejections: [] };
  for (const item of items) {
    const result = parseItem(item);
    if (typeof result === 'string') {
      const itemPayload = Array.isArray(body) ? itemBytes(item, payload) : payload;
      parsed.rejections.push({ reason: result, payload: itemPayload });
    } else {
      parsed.items.push(result);
    }
  }
  return parsed;
}

/**
 * Validates an item against a class-validator DTO, copying only the DTO's own fields (keys
 * such as __proto__ never reach an object of ours). The DTO, or the reasons it is not one.
 */
export function validateItem<D extends object>(
  item: unknown,
  dto: D,
  fields: readonly (keyof D & string)[],
  itemName: string,
): D | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    return `${itemName} must be a JSON object`;
  for (const field of fields) {
    if (Object.hasOwn(item, field))
      (dto as Record<string, unknown>)[field] = (item as Record<string, unknown>)[field];
  }
  const errors = validateSync(dto, { forbidUnknownValues: true });
  if (errors.length > 0)
    return errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; ');
  return dto;
}

/** A device time, or why it is not acceptable (unparseable, or ahead of MAX_CLOCK_SKEW). */
export function deviceTime(field: string, text: string, limits: ParseLimits): Date | string {
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) return `${field} is not a valid date-time`;
  if (at.getTime() > limits.now + limits.maxClockSkewMs) {
    return `${field} is ${Math.round((at.getTime() - limits.now) / 1000)} s in the future (more than MAX_CLOCK_SKEW)`;
  }
  return at;
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

/** The payload kept as its redacted skeleton (see redactedSkeleton), with its size received. */
export function redacted<T extends KeptPayload>(kept: T, knownKeys: ReadonlySet<string>): T {
  if (kept.redactedBytes !== undefined) return kept;
  return {
    ...kept,
    payload: redactedSkeleton(kept.payload, knownKeys),
    redactedBytes: kept.payload.length,
  };
}
