import type { ModalityMessage } from '../patients/parse-exposures.js';
import type { ParsedExposure } from '../patients/parsed-exposure.js';
import type { ParsedReading } from '../readings/parsed-reading.js';
import type { KeptPayload, Rejection } from '../mqtt/parse-batch.js';

/** What one MQTT message holds once validated: badge readings or patient events, and rejections. */
export interface ParsedMessage {
  readings: ParsedReading[];
  exposures: ParsedExposure[];
  rejections: Rejection[];
  /**
   * A modality's message: the modality, and the whole message redacted, kept instead of it if
   * all of it is rejected at commit (an unregistered modality, a database refusal).
   */
  modality?: ModalityMessage;
}

/** A message that is rejected whole, for one reason. */
export function rejectedMessage(reason: string, kept: KeptPayload): ParsedMessage {
  return { readings: [], exposures: [], rejections: [{ reason, ...kept }] };
}
