/**
 * Issue "fault suite", broker restart: the test's own Mosquitto (the shipped config,
 * persistence on) is restarted twice mid-stream; the service reconnects by itself and
 * nothing is lost or counted twice. Readings a device had acknowledged by the broker were
 * persisted in the service's queued session (saved on SIGTERM) or already committed.
 */
import { DoseLedger } from '../support/dose-ledger.js';
import { FaultRig, TOPIC_PREFIX } from '../support/fault-rig.js';
import { eventually } from '../support/mqtt-publisher.js';
import { runSeed } from '../support/random.js';
import { publishPlan, readingPlan } from '../support/reading-stream.js';
import type { ServiceInstance } from '../support/service-instance.js';

const TIMEOUT_MS = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a broker restart mid-stream loses and doubles nothing', () => {
  let rig: FaultRig;
  let service: ServiceInstance;

  beforeAll(async () => {
    rig = await FaultRig.start('brokerrestart', 4);
    // As docker-compose ships it: a plain subscription. With a shared one, Mosquitto 2.0.11
    // restores the session without it and readings published before the service subscribes
    // again are dropped (measured here: 664 of 1 998 lost over two restarts).
    service = await rig.startReplica('broker-restart-service', undefined, {
      MQTT_SHARED_SUBSCRIPTION: 'false',
    });
    await rig.connectDevices();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await rig?.dispose();
  }, TIMEOUT_MS);

  it(
    'reconnects by itself and counts every acknowledged reading once',
    async () => {
      const { random } = runSeed();
      const ledger = new DoseLedger();
      await rig.registerBadges(ledger, rig.serials);
      const plan = readingPlan(random, ledger.serials, {
        readingsPerBadge: 3_000,
        outOfOrder: 0.05,
        repeat: 0.05,
      });
      let restartsOver = false;
      let sentAfter = 0;
      const stream = publishPlan(plan, ledger, {
        topicPrefix: TOPIC_PREFIX,
        clientFor: rig.clientFor,
        groupSize: 4,
        pauseMs: 5,
        stop: () => restartsOver && ledger.messagesSent >= sentAfter + 200,
      });
      const restarts: string[] = [];
      for (let round = 1; round <= 2; round++) {
        await sleep(500 + Math.floor(random() * 1_000));
        const sent = ledger.messagesSent;
        await rig.broker.restart();
        restarts.push(`restart ${round} after ${sent} acknowledged messages`);
        // The service's own client reconnects (reconnectPeriod): readiness says so.
        await eventually(
          async () => ((await service.http.get('/health')).status === 200 ? true : undefined),
          60_000,
        );
      }
      sentAfter = ledger.messagesSent;
      restartsOver = true;
      await stream;
      console.log(restarts.join('\n'));
      expect(ledger.messagesSent).toBeGreaterThanOrEqual(sentAfter + 200);
      await eventually(
        async () =>
          (await rig.storedReadings(ledger.serials)) >= ledger.distinctSent ? true : undefined,
        120_000,
      ).catch(() => undefined); // the ledger check says what is missing
      const check = await ledger.check(rig.dataSource);
      console.log(`after 2 broker restarts: ${check.summary}`);
      expect(check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, wrongIncrements: 0 });
      expect(check.counted).toBe(ledger.distinctSent);
      expect(check.wrongTotals).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
