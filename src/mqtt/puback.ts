import type { MqttClient } from 'mqtt';

/** PUBACK's fixed header: packet type 4, no flags (MQTT 3.1.1 §3.4.1, MQTT 5.0 §3.4.1). */
const PUBACK_HEADER = 0x40;
/** Remaining length: the packet identifier alone (MQTT 3.1.1 §3.4.1; MQTT 5.0 §3.4.2.1). */
const PUBACK_REMAINING_LENGTH = 2;

/**
 * Acknowledges QoS 1 messages, in one write to the client's connection. mqtt.js sends a
 * PUBACK as soon as `handleMessage` calls back; we need it only after the messages'
 * transaction commits (DESIGN.md §3.4), so the consumer fails that callback (mqtt.js then
 * moves on without acknowledging) and acknowledges here, later.
 *
 * The packets are written by hand: through mqtt.js each PUBACK cost three stream writes and
 * a debug call, a large share of the service's allocations at full ingest rate
 * (bench/README.md, "Acknowledgements after commit, batched"). The 4-byte form is a PUBACK
 * in both protocol versions: MQTT 5.0 §3.4.2.1 lets a success omit its reason code and
 * properties. The write is one
 * synchronous call, so it never lands inside a packet mqtt.js is writing.
 */
export function sendPubacks(client: MqttClient, messageIds: readonly number[]): void {
  if (messageIds.length === 0) return;
  const packets = Buffer.allocUnsafe(4 * messageIds.length);
  messageIds.forEach((messageId, i) => {
    packets[4 * i] = PUBACK_HEADER;
    packets[4 * i + 1] = PUBACK_REMAINING_LENGTH;
    packets.writeUInt16BE(messageId, 4 * i + 2);
  });
  client.stream.write(packets);
}
