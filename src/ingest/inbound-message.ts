import type { ParsedMessage } from './parsed-message.js';

/** A message taken from the broker and not yet acknowledged. */
export interface InboundMessage extends ParsedMessage {
  topic: string;
  /** QoS 1 packet id; undefined for QoS 0 (nothing to acknowledge). */
  messageId?: number;
  /** The broker connection it came on: a PUBACK is only valid on that connection. */
  connection: number;
  /**
   * When the service took it from the broker (epoch ms): where the latency of the alerts it
   * causes starts (DESIGN.md §6).
   */
  receivedAt: number;
  /**
   * Taken in process from the embedded broker (DevicePublishes): called instead of a PUBACK
   * once the message is committed, and the broker then acknowledges it to the device.
   */
  settle?: () => void;
}
