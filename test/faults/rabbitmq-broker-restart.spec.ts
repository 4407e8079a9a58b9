/**
 * What a device's PUBACK means with INGEST_SOURCE=amqp (RabbitMQ's MQTT plugin in front of a
 * quorum queue), and broker restarts in that mode. The plugin acknowledges a QoS 1 publish
 * once every queue it was routed to has confirmed it (a quorum queue: once a majority of its
 * replicas has it on disk), and at once when it was routed to no queue: such a message is
 * gone. So the queue must exist before devices publish (the first replica declares it;
 * docker/rabbitmq declares it with the broker's definitions).
 *
 * The broker restart is `rabbitmqctl stop_app` / `start_app` on the machine's RabbitMQ:
 * every listener and queue stops and starts again; the node itself is not killed (the
 * machine's broker is shared). The crash is a kill of the queue's own process (its Raft
 * member), which holds the queue's state in memory.
 */
import { DoseLedger, readingPayload } from '../support/dose-ledger.js';
import { FaultRig, TOPIC_PREFIX } from '../support/fault-rig.js';
import { RabbitVhost } from '../support/rabbitmq.js';
import { eventually } from '../support/mqtt-publisher.js';
import { runSeed } from '../support/random.js';
import { publishPlan, readingPlan } from '../support/reading-stream.js';
import type { ServiceInstance } from '../support/service-instance.js';

const TIMEOUT_MS = 300_000;
/** Published before any queue is bound: seqs far above the plan's. */
const UNQUEUED_SEQS = Array.from({ length: 10 }, (_, i) => 900_001 + i);
/** The queue the replicas declare (AMQP_QUEUE's default). */
const QUEUE = 'dose-service.device-messages';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RabbitMQ in front of a quorum queue: PUBACKs and broker restarts', () => {
  let rig: FaultRig;
  const replicas: ServiceInstance[] = [];
  const ledger = new DoseLedger();
  const { random } = runSeed();
  const plan = () => readingPlan(random, ledger.serials, { readingsPerBadge: 3_000, repeat: 0.05 });
  let stream: ReturnType<typeof plan>;

  beforeAll(async () => {
    rig = await FaultRig.startOnRabbitMq('rabbitrestart', 4);
    await rig.connectDevices();
  }, TIMEOUT_MS);

  afterAll(async () => {
    await rig?.dispose();
  }, TIMEOUT_MS);

  const allCommitted = () =>
    eventually(
      async () =>
        (await rig.storedReadings(ledger.serials)) >= ledger.distinctSent ? true : undefined,
      120_000,
    ).catch(() => undefined); // the ledger check says what is missing

  const expectExact = async (what: string) => {
    const check = await ledger.check(rig.dataSource);
    console.log(`${what}: ${check.summary}`);
    expect(check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, wrongIncrements: 0 });
    expect(check.counted).toBe(ledger.distinctSent);
    expect(check.wrongTotals).toEqual([]);
  };

  it(
    'acknowledges a publish that no queue takes, and that message is gone',
    async () => {
      const [serial] = rig.serials;
      const device = rig.clientFor(serial);
      for (const seq of UNQUEUED_SEQS) {
        const reading = {
          serial,
          seq,
          hp10Nsv: 1_000n,
          measuredAt: new Date(Date.UTC(2026, 6, 1)),
        };
        await device.publishAsync(
          `${TOPIC_PREFIX}/badges/${serial}/readings`,
          readingPayload(reading),
          { qos: 1 },
        );
      }
      // Every one was PUBACKed; the first replica now declares the queue and its bindings.
      replicas.push(await rig.startReplica('rabbitrestart-a'));
      replicas.push(await rig.startReplica('rabbitrestart-b'));
      await rig.registerBadges(ledger, rig.serials);
      stream = plan();
      await publishPlan(stream.slice(0, 200), ledger, {
        topicPrefix: TOPIC_PREFIX,
        clientFor: rig.clientFor,
        groupSize: 4,
      });
      await allCommitted();
      await expectExact('after the queue was declared');
      const [{ n }] = await rig.dataSource.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM reading WHERE badge_serial = $1 AND seq >= $2)
              + (SELECT count(*) FROM rejected_message WHERE topic LIKE '%' || $1 || '%') AS n`,
        [serial, UNQUEUED_SEQS[0]],
      );
      expect(Number(n)).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'keeps every PUBACKed reading through a queue crash and a broker restart before any replica takes it',
    async () => {
      const rabbit = rig.broker;
      if (!(rabbit instanceof RabbitVhost)) throw new Error('a rig on RabbitMQ');
      for (const replica of replicas) expect(await replica.stop()).toBe(0);
      const before = ledger.messagesSent;
      await publishPlan(stream.slice(200, 1_000), ledger, {
        topicPrefix: TOPIC_PREFIX,
        clientFor: rig.clientFor,
        groupSize: 4,
      });
      expect(ledger.messagesSent - before).toBe(800);
      await rabbit.crashQueue(QUEUE);
      // Started again from its log, the queue holds every message a device had a PUBACK for.
      await eventually(async () => ((await rabbit.queueDepth(QUEUE)) === 800 ? true : undefined));
      await rig.broker.restart();
      for (const replica of replicas) await replica.start();
      await allCommitted();
      await expectExact('800 PUBACKed readings queued through a queue crash and a broker restart');
    },
    TIMEOUT_MS,
  );

  it(
    'loses and doubles nothing while two replicas consume through broker restarts',
    async () => {
      let restartsOver = false;
      let sentAfter = 0;
      const publishing = publishPlan(stream.slice(1_000), ledger, {
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
        restarts.push(`broker restart ${round} after ${sent} acknowledged messages`);
        for (const replica of replicas)
          await eventually(
            async () => ((await replica.http.get('/health')).status === 200 ? true : undefined),
            60_000,
          );
      }
      sentAfter = ledger.messagesSent;
      restartsOver = true;
      await publishing;
      console.log(restarts.join('\n'));
      expect(ledger.messagesSent).toBeGreaterThanOrEqual(sentAfter + 200);
      await allCommitted();
      await expectExact('two replicas through 2 broker restarts');
    },
    TIMEOUT_MS,
  );
});
