import type { MqttClient } from 'mqtt';

/**
 * The one place that touches mqtt.js internals. mqtt.js sends a QoS 1 PUBACK as soon as
 * `handleMessage` calls back; we need it only after the reading's transaction commits
 * (DESIGN.md §3.4), so the consumer fails that callback (mqtt.js then moves on without
 * acknowledging) and acknowledges here, later, with the client's private `_sendPacket`.
 */
interface PacketSender {
  _sendPacket(
    packet: { cmd: 'puback'; messageId: number },
    callback?: (error?: Error) => void,
  ): void;
}

export function sendPuback(client: MqttClient, messageId: number): void {
  (client as unknown as PacketSender)._sendPacket({ cmd: 'puback', messageId });
}
