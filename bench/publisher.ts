import mqtt, { type IConnackPacket, type MqttClient } from 'mqtt';

/**
 * Publishes QoS 1 as fast as the broker acknowledges: up to `window` messages in flight
 * per connection (the broker's MQTT 5 Receive Maximum caps it further).
 */
export class WindowedPublisher {
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  published = 0;

  private constructor(
    readonly client: MqttClient,
    private readonly window: number,
  ) {}

  static async connect(
    url: string,
    clientId: string,
    window: number,
    auth: { username: string; password: string },
    /** 4 for a broker that speaks MQTT 3.1.1 only (RabbitMQ 3.10's MQTT plugin). */
    protocolVersion: 4 | 5 = 5,
  ) {
    const client = mqtt.connect(url, {
      clientId,
      protocolVersion,
      clean: true,
      reconnectPeriod: 1000,
      // The load generator shares the machine with the service: no per-packet debug tracing
      // (as the service's client, src/mqtt/mqtt.service.ts).
      log: () => undefined,
      ...auth,
    });
    const connack = await new Promise<IConnackPacket>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
    });
    // The broker's Receive Maximum (MQTT 5): more in flight and it would disconnect us.
    const brokerMaximum = connack.properties?.receiveMaximum ?? 65_535;
    return new WindowedPublisher(client, Math.min(window, brokerMaximum));
  }

  async publish(topic: string, payload: string): Promise<void> {
    while (this.inFlight >= this.window)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.inFlight += 1;
    this.client.publish(topic, payload, { qos: 1 }, (error) => {
      this.inFlight -= 1;
      if (!error) this.published += 1;
      this.waiters.shift()?.();
    });
  }

  async flush(): Promise<void> {
    while (this.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  end(): Promise<void> {
    return this.client.endAsync();
  }
}
