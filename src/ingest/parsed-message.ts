import type { ParsedExposure } from '../patients/parsed-exposure.js';
import type { ParsedReading } from '../readings/parsed-reading.js';
import type { Rejection } from '../mqtt/parse-batch.js';

/** What one MQTT message holds once validated: badge readings or patient events, and rejections. */
export interface ParsedMessage {
  readings: ParsedReading[];
  exposures: ParsedExposure[];
  rejections: Rejection[];
}

/** A message that is rejected whole, for one reason. */
export function rejectedMessage(reason: string, payload: Buffer): ParsedMessage {
  return { readings: [], exposures: [], rejections: [{ reason, payload }] };
}
