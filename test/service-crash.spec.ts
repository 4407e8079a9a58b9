/**
 * DESIGN.md §3.4: "The PUBACK goes out only after the reading's transaction has committed:
 * a service killed with SIGKILL between receipt and commit loses nothing, because the broker
 * redelivers after the restart." Against a real Mosquitto (the shipped config), the built
 * service as a process with a fixed client id (persistent session), and a scratch database.
 */
import { DoseLedger, type LedgerReading } from './support/dose-ledger.js';
import { FaultRig, TOPIC_PREFIX } from './support/fault-rig.js';
import { totalsOf } from './support/fixtures.js';
import { eventually } from './support/mqtt-publisher.js';
import { runSeed } from './support/random.js';
import {
  publishPlan,
  readingPlan,
  streamThroughStops,
  TAIL_AFTER_STOPS,
} from './support/reading-stream.js';
import type { ServiceInstance } from './support/service-instance.js';
import { TableLock } from './support/table-lock.js';

const TIMEOUT_MS = 300_000;
/** Only against hangs: how long redelivered readings may take to be stored. */
const SETTLE_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a service killed with SIGKILL loses no reading (DESIGN.md §3.4)', () => {
  let rig: FaultRig;
  let service: ServiceInstance;
  let lock: TableLock | undefined;

  beforeAll(async () => {
    rig = await FaultRig.start('crash', 5);
    service = await rig.startReplica('crash-test-service');
    await rig.connectDevices();
  }, TIMEOUT_MS);

  afterEach(() => lock?.release());

  afterAll(async () => {
    await rig?.dispose();
  }, TIMEOUT_MS);

  /** Waits until the killed service's database sessions are gone: nothing of it can commit now. */
  async function sessionsGone(): Promise<void> {
    await eventually(async () => ((await rig.serviceConnections()) === 0 ? true : undefined));
  }

  /** Waits (against hangs only) until every distinct reading sent is stored. */
  async function settle(ledger: DoseLedger): Promise<void> {
    await eventually(
      async () =>
        (await rig.storedReadings(ledger.serials)) >= ledger.distinctSent ? true : undefined,
      SETTLE_MS,
    ).catch(() => undefined); // the ledger check below says what is missing
  }

  it(
    'readings received but not committed are redelivered after a restart and counted once',
    async () => {
      const serial = rig.serials[0];
      const ledger = new DoseLedger();
      const person = (await rig.registerBadges(ledger, [serial])).get(serial)!;
      // Registers (nSv), a flat step at seq 3 and resets at seq 4 and 9: increments
      // 1000, 1500, 0, 400, 1000, 1600, 4250, 1, 100, 5000 = 14 851 nSv.
      const registers = [
        1_000n,
        2_500n,
        2_500n,
        400n,
        1_400n,
        3_000n,
        7_250n,
        7_251n,
        100n,
        5_100n,
      ];
      const reading = (seq: number): LedgerReading => ({
        serial,
        seq,
        hp10Nsv: registers[seq - 1],
        measuredAt: new Date(Date.UTC(2026, 5, 1, 8, 0, seq)),
      });
      // Out of order (5 before 4, 8 before 7) and with repeats (3 and 7 twice).
      const plan = [1, 2, 3, 5, 4, 6, 8, 7, 9, 10, 3, 7].map(reading);

      lock = await TableLock.take(rig.database.url, 'reading');
      await publishPlan(plan, ledger, { topicPrefix: TOPIC_PREFIX, clientFor: rig.clientFor });
      await eventually(async () => ((await lock!.waiters()) > 0 ? true : undefined));
      await sleep(1_000); // the rest reaches the service and waits behind the blocked commit
      await service.kill();
      // Its session blocked on the lock notices the dead client only once it gets the lock.
      await lock.release();
      await sessionsGone();
      const afterKill = await ledger.check(rig.dataSource);
      console.log(`killed before the commit: ${afterKill.summary}`);
      expect(afterKill.counted).toBe(0);

      await service.start();
      await settle(ledger);
      const check = await ledger.check(rig.dataSource);
      console.log(`after the restart: ${check.summary}`);
      expect(check).toMatchObject({ counted: 10, lost: 0, duplicated: 0, unexpected: 0 });
      expect(check.wrongIncrements).toBe(0);
      expect(check.wrongTotals).toEqual([]);
      expect(await totalsOf(rig.dataSource, person)).toEqual({ effective: 14_851n });
    },
    TIMEOUT_MS,
  );

  it(
    'a stream survives SIGKILL at 3 random moments: nothing lost, nothing counted twice',
    async () => {
      const { random } = runSeed();
      const ledger = new DoseLedger();
      await rig.registerBadges(ledger, rig.serials.slice(1));
      const plan = readingPlan(random, ledger.serials, {
        readingsPerBadge: 5_000,
        outOfOrder: 0.05,
        repeat: 0.05,
        reset: 0.01,
      });
      const stream = streamThroughStops(plan, ledger, {
        topicPrefix: TOPIC_PREFIX,
        clientFor: rig.clientFor,
        groupSize: 4,
        pauseMs: 10,
      });
      const kills: string[] = [];
      try {
        for (let round = 1; round <= 3; round++) {
          await sleep(300 + Math.floor(random() * 1_500));
          const metrics = `${await service.ingested('accepted')} accepted, ${await service.ingested('duplicate')} duplicates`;
          const sent = ledger.messagesSent;
          await service.kill();
          await sessionsGone();
          const stored = await rig.storedReadings(ledger.serials);
          kills.push(`kill ${round}: ${sent} sent, ${stored} stored; that run ${metrics}`);
          await service.start();
        }
      } catch (error) {
        await stream.abandon();
        throw error;
      }
      const tail = await stream.end();
      console.log(kills.join('\n'));
      // The stream went on after the last restart: every kill fell in the middle of it.
      expect(tail).toBeGreaterThanOrEqual(TAIL_AFTER_STOPS);

      await settle(ledger);
      const check = await ledger.check(rig.dataSource);
      console.log(`after 3 kills: ${check.summary}`);
      expect(check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, wrongIncrements: 0 });
      expect(check.counted).toBe(ledger.distinctSent);
      expect(check.wrongTotals).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
