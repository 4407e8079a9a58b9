/**
 * DESIGN.md §9: "Concurrent replicas are safe (per-badge ordering by row locks in the
 * database)." Two replicas of the built service on one shared subscription
 * ($share/<MQTT_SHARE_GROUP>/...) of a real Mosquitto and one database: the broker hands
 * each message to either replica, so one badge's readings are committed by both, at the
 * same time, out of order and repeated. Every reading must still count exactly once.
 */
import { DoseLedger } from './support/dose-ledger.js';
import { FaultRig, TOPIC_PREFIX } from './support/fault-rig.js';
import { eventually } from './support/mqtt-publisher.js';
import { runSeed } from './support/random.js';
import { publishPlan, readingPlan } from './support/reading-stream.js';
import type { ServiceInstance } from './support/service-instance.js';

const TIMEOUT_MS = 300_000;
/** Only against hangs: how long the replicas may take to store everything. */
const SETTLE_MS = 120_000;
const BADGES = 20;
const SHARE_GROUP = 'shared-test-group';

describe('two replicas on one shared subscription (DESIGN.md §9)', () => {
  let rig: FaultRig;
  const replicas: ServiceInstance[] = [];

  beforeAll(async () => {
    rig = await FaultRig.start('shared', BADGES);
    // One after the other: the first creates the schema.
    replicas.push(await rig.startReplica('shared-test-a', SHARE_GROUP));
    replicas.push(await rig.startReplica('shared-test-b', SHARE_GROUP));
    await rig.connectDevices();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await rig?.dispose();
  }, TIMEOUT_MS);

  it(
    'counts every reading once, with each badge served by both replicas',
    async () => {
      for (const replica of replicas)
        expect(replica.log).toContain(`Subscribed to $share/${SHARE_GROUP}/${TOPIC_PREFIX}/`);
      const { random } = runSeed();
      const ledger = new DoseLedger();
      await rig.registerBadges(ledger);
      const plan = readingPlan(random, ledger.serials, {
        readingsPerBadge: 120,
        outOfOrder: 0.1,
        repeat: 0.1,
        reset: 0.02,
      });
      // Many messages in flight at once, so both replicas work on the same badges together.
      await publishPlan(plan, ledger, {
        topicPrefix: TOPIC_PREFIX,
        clientFor: rig.clientFor,
        groupSize: 40,
      });
      await eventually(
        async () => ((await rig.storedReadings()) >= ledger.distinctSent ? true : undefined),
        SETTLE_MS,
      ).catch(() => undefined); // the ledger check below says what is missing
      // Repeats may still be on their way to a replica: wait until each message is accounted for.
      const processed = async () => {
        let sum = 0;
        for (const replica of replicas)
          sum += (await replica.ingested('accepted')) + (await replica.ingested('duplicate'));
        return sum;
      };
      await eventually(
        async () => ((await processed()) >= ledger.messagesSent ? true : undefined),
        SETTLE_MS,
      ).catch(() => undefined);

      const check = await ledger.check(rig.dataSource);
      console.log(`two replicas: ${check.summary}`);
      const perReplica = [];
      for (const replica of replicas) {
        perReplica.push({
          accepted: await replica.ingested('accepted'),
          duplicate: await replica.ingested('duplicate'),
        });
      }
      console.log(
        perReplica
          .map((m, i) => `replica ${i + 1}: ${m.accepted} accepted, ${m.duplicate} duplicates`)
          .join('\n'),
      );
      // Both replicas committed readings: otherwise nothing ran concurrently.
      for (const { accepted } of perReplica)
        expect(accepted).toBeGreaterThan(ledger.distinctSent / 10);
      // Each distinct reading accepted by exactly one replica, each repeat recognised as one.
      const accepted = perReplica.reduce((sum, m) => sum + m.accepted, 0);
      const duplicates = perReplica.reduce((sum, m) => sum + m.duplicate, 0);
      expect(accepted).toBe(ledger.distinctSent);
      // (More only if the broker redelivered after a dropped connection.)
      expect(duplicates).toBeGreaterThanOrEqual(ledger.messagesSent - ledger.distinctSent);
      expect(check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, wrongIncrements: 0 });
      expect(check.counted).toBe(ledger.distinctSent);
      expect(await rig.storedReadings()).toBe(ledger.distinctSent);
      expect(check.wrongTotals).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
