import type { InboundMessage } from './inbound-message.js';

/**
 * A message whose readings the database refused (a case validation missed) becomes a
 * rejection of its own, so it is kept, acknowledged, and cannot block the stream.
 */
export function quarantine(message: InboundMessage, error: unknown): InboundMessage {
  const readings = JSON.stringify(message.readings, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return {
    ...message,
    readings: [],
    rejections: [
      ...message.rejections,
      { reason: `refused by the database: ${String(error)}`, payload: Buffer.from(readings) },
    ],
  };
}
