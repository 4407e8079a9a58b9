import mqtt from 'mqtt';
import { WindowedPublisher } from './publisher.js';
import { ReadingSource, recentStart } from './reading-source.js';

export interface CeilingResult {
  messagesPerSecond: number;
  measuredSeconds: number;
}

/**
 * (a) The broker's ceiling: the same publishers and reading payloads as the ingest phase,
 * QoS 1 end to end, to a subscriber that acknowledges at once and stores nothing.
 */
export async function measureCeiling(options: {
  mqttUrl: string;
  subscriberAuth: { username: string; password: string };
  publisherAuth: { username: string; password: string };
  badges: number;
  connections: number;
  warmupSeconds: number;
  measureSeconds: number;
  prefix: string;
}): Promise<CeilingResult> {
  const subscriber = await mqtt.connectAsync(options.mqttUrl, {
    clientId: 'bench-ceiling-subscriber',
    protocolVersion: 5,
    clean: true,
    properties: { receiveMaximum: 65_535 },
    // Without mqtt.js's per-packet debug tracing, as the service's client runs.
    log: () => undefined,
    ...options.subscriberAuth,
  });
  let received = 0;
  subscriber.on('message', () => (received += 1));
  await subscriber.subscribeAsync(`${options.prefix}/badges/+/readings`, { qos: 1 });
  const serials = Array.from(
    { length: options.badges },
    (_, i) => `C-${String(i).padStart(6, '0')}`,
  );
  const publishers = await Promise.all(
    Array.from({ length: options.connections }, (_, c) =>
      WindowedPublisher.connect(options.mqttUrl, `bench-ceiling-${c}`, 1000, options.publisherAuth),
    ),
  );
  let stop = false;
  const loops = publishers.map(async (publisher, c) => {
    const source = new ReadingSource(
      serials.filter((_, i) => i % options.connections === c),
      { duplicates: 0.01, outOfOrder: 0.01, seed: c, startAt: recentStart() },
    );
    while (!stop) {
      const reading = source.take();
      await publisher.publish(
        `${options.prefix}/badges/${reading.serial}/readings`,
        reading.payload,
      );
    }
    await publisher.flush();
  });
  await sleep(options.warmupSeconds * 1000);
  const start = received;
  const startTime = performance.now();
  await sleep(options.measureSeconds * 1000);
  const count = received - start;
  const elapsed = (performance.now() - startTime) / 1000;
  stop = true;
  await Promise.all(loops);
  await Promise.all(publishers.map((publisher) => publisher.end()));
  await subscriber.endAsync();
  return { messagesPerSecond: count / elapsed, measuredSeconds: elapsed };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
