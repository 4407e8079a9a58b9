import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a webhook delivery. */
export const SIGNATURE_HEADER = 'x-dose-signature';
export const TIMESTAMP_HEADER = 'x-dose-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * `sha256=` and the hex HMAC-SHA-256, keyed with the webhook's secret, of the Unix timestamp
 * (seconds), a dot and the raw body: a receiver recomputes it, and refuses old timestamps, so a
 * captured request can neither be altered nor replayed late.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `sha256=${mac}`;
}

/** A receiver's check of webhookSignature, in constant time. */
export function isValidSignature(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** One key per alert and level: a receiver drops a repeat of the same level. */
export const idempotencyKey = (alertId: string, level: string): string => `${alertId}:${level}`;
