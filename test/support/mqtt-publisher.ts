import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { randomUUID } from 'node:crypto';
import { testMqttProtocol, testMqttUrl } from './test-env.js';

/**
 * A device-side MQTT client for tests: publishes QoS 1 and waits for the broker's PUBACK.
 * `options` override the defaults (e.g. protocolVersion for a broker of the test's own).
 */
export async function connectPublisher(
  url = testMqttUrl(),
  options: IClientOptions = {},
): Promise<MqttClient> {
  return mqtt.connectAsync(url, {
    clientId: `test-device-${randomUUID().slice(0, 8)}`,
    protocolVersion: testMqttProtocol(),
    reconnectPeriod: 500,
    ...options,
  });
}

export async function publishJson(
  client: MqttClient,
  topic: string,
  payload: unknown,
): Promise<void> {
  await client.publishAsync(
    topic,
    typeof payload === 'string' ? payload : JSON.stringify(payload),
    { qos: 1 },
  );
}

/** Polls until the check returns a value that is not undefined; fails after the deadline. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
