/**
 * Fault suite, service crash and alerts: "no alert is raised or sent twice". Each wearer's
 * 5-year effective limit is 1 mSv, so the stream takes every person through 10, 30, 80 and
 * 100 % while the service is killed with SIGKILL three times. Each device listens on its own
 * alert topic (where its wearer's alerts go): no (alert, level) may arrive twice, the
 * database holds one doseLimit alert per person, at critical, and totals stay exact.
 */
import { DoseLedger } from '../support/dose-ledger.js';
import { FaultRig, TOPIC_PREFIX } from '../support/fault-rig.js';
import { eventually } from '../support/mqtt-publisher.js';
import { runSeed } from '../support/random.js';
import { publishPlan, readingPlan } from '../support/reading-stream.js';
import type { ServiceInstance } from '../support/service-instance.js';

const TIMEOUT_MS = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('alerts through service crashes', () => {
  let rig: FaultRig;
  let service: ServiceInstance;

  beforeAll(async () => {
    rig = await FaultRig.start('crashalerts', 4);
    service = await rig.startReplica('crash-alerts-service');
    await rig.connectDevices();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await rig?.dispose();
  }, TIMEOUT_MS);

  it(
    'never raises or sends an alert level twice across SIGKILLs',
    async () => {
      const { random } = runSeed();
      const ledger = new DoseLedger();
      const wearers = await rig.registerBadges(ledger, rig.serials);
      await rig.setFiveYearLimits(wearers.values(), 1_000_000);
      const received: string[] = [];
      for (const serial of rig.serials) {
        const device = rig.clientFor(serial);
        device.on('message', (topic, payload) => {
          if (!topic.endsWith(`/badges/${serial}/alerts`)) return;
          const alert = JSON.parse(payload.toString()) as {
            id: string;
            level: string;
            kind: string;
          };
          received.push(`${alert.kind} ${alert.id} ${alert.level}`);
        });
        await device.subscribeAsync(`${TOPIC_PREFIX}/badges/${serial}/alerts`, { qos: 1 });
      }
      const plan = readingPlan(random, ledger.serials, {
        readingsPerBadge: 3_000,
        outOfOrder: 0.05,
        repeat: 0.05,
      });
      let over = false;
      const stream = publishPlan(plan, ledger, {
        topicPrefix: TOPIC_PREFIX,
        clientFor: rig.clientFor,
        groupSize: 4,
        pauseMs: 10,
        stop: () => over,
      });
      for (let round = 1; round <= 3; round++) {
        await sleep(300 + Math.floor(random() * 1_500));
        await service.kill();
        await eventually(async () => ((await rig.serviceConnections()) === 0 ? true : undefined));
        await service.start();
      }
      await sleep(1_000);
      over = true;
      await stream;
      await eventually(
        async () =>
          (await rig.storedReadings(ledger.serials)) >= ledger.distinctSent ? true : undefined,
        120_000,
      ).catch(() => undefined);
      const check = await ledger.check(rig.dataSource);
      console.log(`readings: ${check.summary}`);
      expect(check).toMatchObject({ lost: 0, duplicated: 0, wrongIncrements: 0 });
      expect(check.wrongTotals).toEqual([]);

      const alerts = await rig.criticalFiveYearAlerts(wearers.size);
      await sleep(1_000);
      console.log(`alert messages received: ${received.length}`);
      const repeats = received.filter((message, i) => received.indexOf(message) !== i);
      expect(repeats).toEqual([]);
      // Each person's one 5-year alert reached their device at its final level.
      for (const { id } of alerts) expect(received).toContain(`doseLimit ${id} critical`);
    },
    TIMEOUT_MS,
  );
});
