/**
 * The shipped broker config (docker/mosquitto/) on a real Mosquitto 2: who may connect,
 * publish and read what (DESIGN.md §7), and that a slow or offline persistent subscriber
 * loses no QoS 1 message (DESIGN.md §3.4).
 *
 * What Mosquitto 2.0 does with an ACL-denied QoS 1 publish: it answers with a PUBACK
 * (MQTT 5: reason code 0x87 "Not authorized"; MQTT 3.1.1 has no reason codes, so an
 * ordinary PUBACK) and discards the message. Mosquitto 2.0.11 with this config then also
 * closes the publisher's connection ("Bad socket read/write ... Unknown error"): its
 * handle_publish.c returns "quota exceeded" after any refused message when
 * max_queued_messages is 0; MQTT-3.3.5-2 allows closing. The tests do not rely on it, so
 * every refused publish gets a connection of its own.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';

/** The service, two badges, and a modality (logins as docker/mosquitto/README.md has them). */
const USERS = {
  'dose-service': 'service-password-1',
  'BADGE-A': 'badge-a-password',
  'BADGE-B': 'badge-b-password',
  'CT-01': 'ct-01-password',
};
const READINGS = 'dose/v1/badges/+/readings';
const SHARED_READINGS = `$share/dose-service/${READINGS}`;
const OWN_READINGS = 'dose/v1/badges/BADGE-A/readings';
const OTHER_READINGS = 'dose/v1/badges/BADGE-B/readings';
const EXPOSURES = 'dose/v1/modalities/+/exposures';
const MODALITY_EXPOSURES = 'dose/v1/modalities/CT-01/exposures';
const NOT_AUTHORIZED = 0x87;
const MODALITY_ACL_SCRIPT = fileURLToPath(
  new URL('../../docker/mosquitto/modality-acl.sh', import.meta.url),
);
/** Debian's and Mosquitto's default max_queued_messages: past it, messages are dropped. */
const DEFAULT_QUEUE_LIMIT = 1000;
const BACKLOG = 3 * DEFAULT_QUEUE_LIMIT;

/** Generous waits that only keep a broken broker from hanging the run. */
const HANG_GUARD_MS = 60_000;
const TEST_TIMEOUT_MS = 120_000;

type User = keyof typeof USERS;
interface Received {
  topic: string;
  payload: string;
}

let broker: RunningMosquitto;
const clients = new Set<MqttClient>();

beforeAll(async () => {
  // CT-01 is a modality: its block, as the shipped script prints it for an operator to append.
  const { stdout: modalityBlock } = await promisify(execFile)('sh', [MODALITY_ACL_SCRIPT, 'CT-01']);
  broker = await startMosquitto({ users: USERS, extraAcl: modalityBlock });
}, TEST_TIMEOUT_MS);

afterEach(async () => {
  await Promise.all([...clients].map((client) => client.endAsync(true)));
  clients.clear();
});

afterAll(async () => {
  await broker?.dispose();
}, TEST_TIMEOUT_MS);

function clientOptions(user: User | undefined, overrides: IClientOptions = {}): IClientOptions {
  return {
    clientId: `${user ?? 'anonymous'}-${randomUUID().slice(0, 8)}`,
    protocolVersion: 5,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    ...(user ? { username: user, password: USERS[user] } : {}),
    ...overrides,
  };
}

/** Connects; `received` fills from the first packet on, before any await can miss one. */
async function connect(
  user: User | undefined,
  overrides: IClientOptions = {},
): Promise<{ client: MqttClient; received: Received[]; sessionPresent: boolean }> {
  const client = mqtt.connect(broker.url, clientOptions(user, overrides));
  clients.add(client);
  const received: Received[] = [];
  client.on('message', (topic, payload) => received.push({ topic, payload: payload.toString() }));
  const sessionPresent = await new Promise<boolean>((resolve, reject) => {
    client.once('connect', (connack) => resolve(connack.sessionPresent));
    client.once('error', reject);
  });
  // Later transport errors (the broker restarting) must not crash the test process.
  client.on('error', () => undefined);
  return { client, received, sessionPresent };
}

/** The connect error for credentials the broker must refuse. */
async function refusedConnect(
  user: User | undefined,
  overrides: IClientOptions,
): Promise<{ code?: number }> {
  try {
    const client = await mqtt.connectAsync(broker.url, clientOptions(user, overrides));
    clients.add(client);
  } catch (error) {
    return error as { code?: number };
  }
  throw new Error('the broker accepted the connection');
}

async function waitFor(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + HANG_GUARD_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}\n${broker.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A publish the ACL must refuse, over MQTT 5 (PUBACK 0x87) and 3.1.1 (which cannot say no: the
 * broker completes the QoS 1 flow and discards the message). Each on a connection of its own.
 */
async function expectRefusedPublish(user: User, topic: string): Promise<void> {
  const v5 = await connect(user);
  await expect(v5.client.publishAsync(topic, 'forged-v5', { qos: 1 })).rejects.toMatchObject({
    code: NOT_AUTHORIZED,
  });
  const v311 = await connect(user, { protocolVersion: 4 });
  await expect(v311.client.publishAsync(topic, 'forged-v311', { qos: 1 })).resolves.toBeDefined();
}

async function subscribedService(topic: string) {
  const service = await connect('dose-service');
  const granted = await service.client.subscribeAsync(topic, { qos: 1 });
  expect(granted.map((grant) => grant.qos)).toEqual([1]);
  return service;
}

describe('docker/mosquitto: authentication and ACL', () => {
  it(
    'delivers a badge reading on its own topic to the service, directly and via $share',
    async () => {
      const direct = await subscribedService(READINGS);
      const shared = await subscribedService(SHARED_READINGS);
      const badge = await connect('BADGE-A');

      await badge.client.publishAsync(OWN_READINGS, '{"seq":1}', { qos: 1 });

      await waitFor('the reading at both subscribers', () => {
        return direct.received.length > 0 && shared.received.length > 0;
      });
      expect(direct.received).toEqual([{ topic: OWN_READINGS, payload: '{"seq":1}' }]);
      expect(shared.received).toEqual([{ topic: OWN_READINGS, payload: '{"seq":1}' }]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "refuses a badge's publish to another badge's topic (MQTT 5: PUBACK 0x87; 3.1.1: dropped)",
    async () => {
      const direct = await subscribedService(READINGS);
      const shared = await subscribedService(SHARED_READINGS);
      await expectRefusedPublish('BADGE-A', OTHER_READINGS);

      // Controls, published after the forgeries were answered: BADGE-B's topic is
      // subscribed and delivered, and a forgery the broker had let through would have been
      // queued to the subscribers before these.
      const badgeA = await connect('BADGE-A');
      const badgeB = await connect('BADGE-B');
      await badgeB.client.publishAsync(OTHER_READINGS, 'genuine-b', { qos: 1 });
      await badgeA.client.publishAsync(OWN_READINGS, 'genuine-a', { qos: 1 });

      for (const service of [direct, shared]) {
        await waitFor('the control readings', () => service.received.length >= 2);
        expect(service.received.map((message) => message.payload).sort()).toEqual([
          'genuine-a',
          'genuine-b',
        ]);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "refuses a badge's publish of exposure events under its own name, and delivers a modality's",
    async () => {
      const direct = await subscribedService(EXPOSURES);
      const shared = await subscribedService(`$share/dose-service/${EXPOSURES}`);
      // The forgery of issue 30: a badge login publishing a patient event as "modality BADGE-A".
      await expectRefusedPublish('BADGE-A', 'dose/v1/modalities/BADGE-A/exposures');

      // Control, published after the forgeries were answered (see the readings test above).
      const modality = await connect('CT-01');
      await modality.client.publishAsync(MODALITY_EXPOSURES, 'genuine-ct', { qos: 1 });

      for (const service of [direct, shared]) {
        await waitFor('the modality event', () => service.received.length >= 1);
        expect(service.received).toEqual([{ topic: MODALITY_EXPOSURES, payload: 'genuine-ct' }]);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "refuses a modality's publish of badge readings under its own name, and delivers a badge's",
    async () => {
      const direct = await subscribedService(READINGS);
      const shared = await subscribedService(SHARED_READINGS);
      // A modality login publishing readings as "badge CT-01".
      await expectRefusedPublish('CT-01', 'dose/v1/badges/CT-01/readings');

      const badge = await connect('BADGE-A');
      await badge.client.publishAsync(OWN_READINGS, 'genuine-a', { qos: 1 });

      for (const service of [direct, shared]) {
        await waitFor('the badge reading', () => service.received.length >= 1);
        expect(service.received).toEqual([{ topic: OWN_READINGS, payload: 'genuine-a' }]);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "gives a badge its own alerts and never another badge's, and lets only the service send them",
    async () => {
      const badgeA = await connect('BADGE-A');
      const badgeB = await connect('BADGE-B');
      const service = await connect('dose-service');
      // Mosquitto 2.0 grants this SUBACK and filters each message by the read ACL at
      // delivery; a broker that refuses the SUBSCRIBE outright (0x87) is as good.
      const snoop = await badgeA.client
        .subscribeAsync('dose/v1/badges/BADGE-B/alerts', { qos: 1 })
        .then((granted) => granted.map((grant) => grant.qos))
        .catch((error: { code?: number }) => [error.code]);
      expect([[1], [NOT_AUTHORIZED]]).toContainEqual(snoop);
      await badgeA.client.subscribeAsync('dose/v1/badges/+/alerts', { qos: 1 });
      await badgeB.client.subscribeAsync('dose/v1/badges/BADGE-B/alerts', { qos: 1 });

      // A badge cannot forge alerts, for another badge or for everyone. Each attempt has a
      // connection of its own, since the broker may close it after the refusal.
      for (const topic of ['dose/v1/badges/BADGE-B/alerts', 'dose/v1/alerts/critical']) {
        const forger = await connect('BADGE-A');
        await expect(forger.client.publishAsync(topic, 'forged', { qos: 1 })).rejects.toMatchObject(
          {
            code: NOT_AUTHORIZED,
          },
        );
      }
      await service.client.publishAsync('dose/v1/badges/BADGE-B/alerts', 'for-b', { qos: 1 });
      await service.client.publishAsync('dose/v1/badges/BADGE-A/alerts', 'for-a', { qos: 1 });

      await waitFor('each badge to get its alert', () => {
        return badgeA.received.length > 0 && badgeB.received.length > 0;
      });
      expect(badgeA.received).toEqual([
        { topic: 'dose/v1/badges/BADGE-A/alerts', payload: 'for-a' },
      ]);
      expect(badgeB.received).toEqual([
        { topic: 'dose/v1/badges/BADGE-B/alerts', payload: 'for-b' },
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets the service, and no badge, read the broker statistics (the compose health check)',
    async () => {
      const service = await connect('dose-service');
      const badge = await connect('BADGE-A');
      // The same subscription as docker-compose.yml's health check; $SYS topics are retained.
      await service.client.subscribeAsync('$SYS/broker/uptime', { qos: 0 });
      await badge.client.subscribeAsync('$SYS/broker/uptime', { qos: 0 }).catch(() => undefined);
      await waitFor('the broker uptime', () => service.received.length > 0);
      expect(service.received[0]?.payload).toMatch(/^\d+ seconds$/);

      // Control for the badge: a message it may read arrives, the uptime never did.
      const sender = await connect('dose-service');
      await badge.client.subscribeAsync('dose/v1/badges/BADGE-A/alerts', { qos: 1 });
      await sender.client.publishAsync('dose/v1/badges/BADGE-A/alerts', 'for-a', { qos: 1 });
      await waitFor('the control alert', () => badge.received.length > 0);
      expect(badge.received.map((message) => message.topic)).toEqual([
        'dose/v1/badges/BADGE-A/alerts',
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses a wrong password, an unknown user and anonymous clients',
    async () => {
      // Mosquitto 2.0 answers a failed login with 0x87 "Not authorized" (MQTT 5) or 5 (3.1.1);
      // 0x86 "Bad user name or password" / 4 would be refusals just as well.
      const refusedV5 = [0x86, NOT_AUTHORIZED];
      const refusedV311 = [4, 5];
      const cases: Array<[string, User | undefined, IClientOptions, number[]]> = [
        ['wrong password', 'BADGE-A', { password: 'badge-b-password' }, refusedV5],
        ['unknown user', undefined, { username: 'BADGE-Z', password: 'x' }, refusedV5],
        ['anonymous, MQTT 5', undefined, {}, refusedV5],
        ['anonymous, MQTT 3.1.1', undefined, { protocolVersion: 4 }, refusedV311],
      ];
      for (const [name, user, overrides, codes] of cases) {
        const error = await refusedConnect(user, overrides);
        const outcome = codes.includes(error.code ?? -1) ? 'refused' : `code ${error.code}`;
        expect([name, outcome]).toEqual([name, 'refused']);
      }
    },
    TEST_TIMEOUT_MS,
  );
});

describe('docker/mosquitto: queue limits', () => {
  /** The service's persistent session, as DESIGN.md §3.4 has it: fixed id, no clean start. */
  function persistentSession(clientId: string): IClientOptions {
    return { clientId, clean: false, properties: { sessionExpiryInterval: 3600 } };
  }

  async function offlineSubscriber(clientId: string): Promise<void> {
    const service = await connect('dose-service', persistentSession(clientId));
    await service.client.subscribeAsync(READINGS, { qos: 1 });
    await service.client.endAsync();
    clients.delete(service.client);
  }

  async function publishBacklog(count: number): Promise<void> {
    const badge = await connect('BADGE-A');
    for (let start = 0; start < count; start += 500) {
      const end = Math.min(start + 500, count);
      const batch = [];
      for (let seq = start; seq < end; seq++) {
        batch.push(badge.client.publishAsync(OWN_READINGS, JSON.stringify({ seq }), { qos: 1 }));
      }
      await Promise.all(batch);
    }
  }

  async function drain(clientId: string, count: number): Promise<number[]> {
    const service = await connect('dose-service', persistentSession(clientId));
    expect(service.sessionPresent).toBe(true);
    const seqs = () =>
      new Set(service.received.map((m) => (JSON.parse(m.payload) as { seq: number }).seq));
    await waitFor(`${count} queued readings (${seqs().size} so far)`, () => seqs().size >= count);
    return [...seqs()].sort((a, b) => a - b);
  }

  const allSeqs = (count: number) => Array.from({ length: count }, (_, seq) => seq);

  it(
    `keeps all ${BACKLOG} QoS 1 readings for an offline persistent session (default limit: ${DEFAULT_QUEUE_LIMIT})`,
    async () => {
      const clientId = `dose-service-offline-${randomUUID().slice(0, 8)}`;
      await offlineSubscriber(clientId);
      await publishBacklog(BACKLOG);

      expect(await drain(clientId, BACKLOG)).toEqual(allSeqs(BACKLOG));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'keeps the queued readings through a broker restart (persistence)',
    async () => {
      const clientId = `dose-service-restart-${randomUUID().slice(0, 8)}`;
      await offlineSubscriber(clientId);
      await publishBacklog(BACKLOG);
      await Promise.all([...clients].map((client) => client.endAsync(true)));
      clients.clear();

      await broker.restart();

      expect(await drain(clientId, BACKLOG)).toEqual(allSeqs(BACKLOG));
    },
    TEST_TIMEOUT_MS,
  );
});
