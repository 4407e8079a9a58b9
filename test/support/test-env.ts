/** Environment names through which the global setup hands its servers to the tests. */
export const RESOLVED_DATABASE_URL = 'DOSE_TEST_RESOLVED_DATABASE_URL';
export const RESOLVED_MQTT_URL = 'DOSE_TEST_RESOLVED_MQTT_URL';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (global setup)`);
  return value;
}

export const testDatabaseUrl = (): string => required(RESOLVED_DATABASE_URL);
export const testMqttUrl = (): string => required(RESOLVED_MQTT_URL);
/** MQTT 5 against a real broker; the embedded aedes speaks 3.1.1 only. */
export const testMqttProtocol = (): 4 | 5 => (process.env.TEST_MQTT_URL ? 5 : 4);
