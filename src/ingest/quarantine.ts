import type { InboundMessage } from './inbound-message.js';

/**
 * A message whose readings or events the database refused (a case validation missed) becomes a
 * rejection of its own, so it is kept, acknowledged, and cannot block the stream.
 */
export function quarantine(message: InboundMessage, error: unknown): InboundMessage {
  // Exposures hold the patient's pseudonym only: their raw id never reached this far.
  const content = JSON.stringify(
    [...message.readings, ...message.exposures],
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
  );
  return {
    ...message,
    readings: [],
    exposures: [],
    rejections: [
      ...message.rejections,
      { reason: `refused by the database: ${String(error)}`, payload: Buffer.from(content) },
    ],
  };
}
