import type { KeptPayload } from '../mqtt/parse-batch.js';
import type { InboundMessage } from './inbound-message.js';

/**
 * A message whose readings or events the database refused (a case validation missed) becomes a
 * rejection of its own, so it is kept, acknowledged, and cannot block the stream.
 */
export function quarantine(message: InboundMessage, error: unknown): InboundMessage {
  const reason = `refused by the database: ${String(error)}`;
  return {
    ...message,
    readings: [],
    exposures: [],
    rejections: [...message.rejections, { reason, ...keptOf(message) }],
  };
}

/** A modality's message is kept redacted, like its other rejections (DESIGN.md §3.3). */
function keptOf(message: InboundMessage): KeptPayload {
  if (message.modality) return message.modality.whole;
  const content = JSON.stringify(message.readings, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return { payload: Buffer.from(content) };
}
