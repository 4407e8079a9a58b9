/**
 * DESIGN.md §1: "The embedded mode keeps the same promise as the production one: a device
 * that got its PUBACK has its reading committed, whatever happens to the process next."
 * The built service with its embedded broker (no MQTT_URL) on a scratch database, devices
 * flooding it with mqtt.js, and the process killed (SIGKILL three times) and stopped
 * (SIGTERM once) in the middle of the flood, each followed by a restart on the same port.
 * At each stop, every reading a device had a PUBACK for must already be in the database;
 * at the end, every reading sent must be counted once.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import { freePort } from '../../src/common/free-port.js';
import { DoseLedger } from '../support/dose-ledger.js';
import { wearTrunkBadges } from '../support/fixtures.js';
import { eventually } from '../support/mqtt-publisher.js';
import { runSeed } from '../support/random.js';
import { readingPlan, streamThroughStops, TAIL_AFTER_STOPS } from '../support/reading-stream.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { SERVICE_APPLICATION_NAME, ServiceInstance } from '../support/service-instance.js';
import { ServiceProcess } from '../support/service-process.js';

const TIMEOUT_MS = 300_000;
/** Only against hangs: how long resent readings may take to be stored. */
const SETTLE_MS = 120_000;
const TOPIC_PREFIX = 'dose/v1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded broker acknowledges only what is committed (DESIGN.md §1, §3.4)', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;
  let service: ServiceInstance;
  let brokerPort: number;
  const devices = new Map<string, MqttClient>();
  const serials = ['EMB-0', 'EMB-1', 'EMB-2', 'EMB-3'];

  beforeAll(async () => {
    database = await createScratchDatabase('embedded_broker');
    brokerPort = await freePort();
    service = await ServiceInstance.start({
      databaseUrl: database.url,
      clientId: 'embedded-fault-service',
      env: { MQTT_PORT: String(brokerPort) },
    });
    dataSource = new DataSource({ type: 'postgres', url: database.url, poolSize: 4 });
    await dataSource.initialize();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await ServiceProcess.killAll();
    await Promise.all([...devices.values()].map((client) => client.endAsync(true)));
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  }, TIMEOUT_MS);

  /** The killed process's database sessions are gone: nothing of it can commit now. */
  const sessionsGone = () =>
    eventually(async () => {
      const [{ n }] = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1`,
        [SERVICE_APPLICATION_NAME],
      );
      return n === 0 ? true : undefined;
    });

  const storedKeys = async (): Promise<Set<string>> =>
    new Set(
      (
        await dataSource.query<{ key: string }[]>(
          `SELECT badge_serial || '|' || seq AS key FROM reading WHERE badge_serial = ANY($1::text[])`,
          [serials],
        )
      ).map((row) => row.key),
    );

  it(
    'keeps every acknowledged reading through SIGKILL three times and SIGTERM, and counts each once',
    async () => {
      const { random } = runSeed();
      const ledger = new DoseLedger();
      await wearTrunkBadges(dataSource, ledger, serials);
      // Devices as a badge gateway runs them: MQTT 3.1.1, reconnecting, and sending again
      // every QoS 1 message not yet acknowledged when the connection comes back.
      for (const serial of serials)
        devices.set(
          serial,
          await mqtt.connectAsync(`mqtt://127.0.0.1:${brokerPort}`, {
            clientId: `${serial}-device`,
            protocolVersion: 4,
            reconnectPeriod: 300,
          }),
        );
      const plan = readingPlan(random, serials, {
        readingsPerBadge: 2_500,
        outOfOrder: 0.05,
        repeat: 0.05,
        reset: 0.01,
      });
      const stream = streamThroughStops(plan, ledger, {
        topicPrefix: TOPIC_PREFIX,
        clientFor: (serial) => devices.get(serial)!,
        groupSize: 8,
      });
      const stops: string[] = [];
      try {
        for (const signal of ['SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL'] as const) {
          await sleep(500 + Math.floor(random() * 1_500));
          const acknowledged = ledger.acknowledgedKeys();
          if (signal === 'SIGKILL') await service.kill();
          else await service.stop();
          await sessionsGone();
          const stored = await storedKeys();
          const missing = acknowledged.filter((key) => !stored.has(key));
          stops.push(`${signal}: ${acknowledged.length} acknowledged, ${stored.size} stored`);
          // The promise itself: a PUBACK was sent only after the commit.
          expect({ signal, missing }).toEqual({ signal, missing: [] });
          await service.start();
        }
      } catch (error) {
        // The service may be down with a group's PUBACKs outstanding: do not wait for them.
        await stream.abandon(5_000);
        throw error;
      }
      const tail = await stream.end();
      console.log(stops.join('\n'));
      // Every stop fell in the middle of the flood.
      expect(tail).toBeGreaterThanOrEqual(TAIL_AFTER_STOPS);
      await eventually(
        async () => ((await storedKeys()).size >= ledger.distinctSent ? true : undefined),
        SETTLE_MS,
      ).catch(() => undefined); // the ledger check below says what is missing
      const check = await ledger.check(dataSource);
      console.log(`after the stops: ${check.summary}`);
      expect(check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, wrongIncrements: 0 });
      expect(check.counted).toBe(ledger.distinctSent);
      expect(check.wrongTotals).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
