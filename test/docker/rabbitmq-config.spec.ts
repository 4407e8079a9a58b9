/**
 * The shipped RabbitMQ setup (docker/rabbitmq/, compose profile `replicas`): what can be
 * checked without a Docker engine. The compose file and rabbitmq.conf are read; the queue
 * and bindings of definitions.json, and the logins users.sh makes, are applied to a vhost of
 * the machine's RabbitMQ (3.10, MQTT 3.1.1), where each kind of login may publish and read
 * what docker/mosquitto/acl lets it, and nothing else.
 *
 * RabbitMQ 3.10's MQTT plugin answers a publish its topic permissions refuse by closing the
 * connection (MQTT 3.1.1 has no negative PUBACK); so every refused publish gets a connection
 * of its own, and the queue shows what got through.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connect, type ChannelModel } from 'amqplib';
import { load } from 'js-yaml';
import mqtt from 'mqtt';
import { amqpBindingKeys } from '../../src/mqtt/amqp-topics.js';
import { eventually } from '../support/mqtt-publisher.js';
import { RabbitVhost, rabbitmqctl } from '../support/rabbitmq.js';

const run = promisify(execFile);
const read = (file: string) => readFile(new URL(`../../docker/${file}`, import.meta.url), 'utf8');
const USERS_SCRIPT = fileURLToPath(new URL('../../docker/rabbitmq/users.sh', import.meta.url));
const TAG = randomUUID().slice(0, 6);
const LOGINS = {
  service: `dose-service-${TAG}`,
  badgeA: `BADGE-A-${TAG}`,
  badgeB: `BADGE-B-${TAG}`,
  modality: `CT-${TAG}`,
};
const PASSWORD = `password-${TAG}`;
const TIMEOUT_MS = 120_000;

interface Definitions {
  queues: { name: string; durable: boolean; arguments: Record<string, string> }[];
  bindings: { source: string; destination: string; routing_key: string }[];
}

describe('docker/rabbitmq and the compose profile `replicas`', () => {
  it('runs two replicas on the quorum queue, each with its own client id, over TLS', async () => {
    const compose = load(await read('docker-compose.yml')) as {
      services: Record<string, { profiles?: string[]; ports?: string[]; environment?: object }>;
    };
    const replicas = ['replica-1', 'replica-2'].map((name) => compose.services[name]);
    const env = replicas.map((replica) => replica.environment as Record<string, string>);
    expect(replicas.map((replica) => replica.profiles)).toEqual([['replicas'], ['replicas']]);
    expect(env.map((e) => e.INGEST_SOURCE)).toEqual(['amqp', 'amqp']);
    expect(new Set(env.map((e) => e.MQTT_CLIENT_ID)).size).toBe(2);
    for (const e of env) {
      expect(e.AMQP_URL).toMatch(/^amqps:\/\/dose-service:.*@rabbitmq:5671\/dose$/);
      expect(e.MQTT_URL).toMatch(/^mqtts:\/\/dose-service:.*@rabbitmq:8883$/);
    }
    // Devices reach MQTT over TLS; AMQP stays on the compose network.
    expect(compose.services.rabbitmq.ports).toEqual(['8883:8883']);
    expect(compose.services.rabbitmq.profiles).toEqual(['replicas']);
  });

  it('listens over TLS only, and declares the queue the service binds', async () => {
    const settings = (await read('rabbitmq/rabbitmq.conf'))
      .split('\n')
      .filter((line) => /^[a-z]/.test(line));
    expect(settings).toEqual(
      expect.arrayContaining([
        'listeners.tcp = none',
        'listeners.ssl.default = 5671',
        'mqtt.listeners.tcp = none',
        'mqtt.listeners.ssl.default = 8883',
        'mqtt.allow_anonymous = false',
        'mqtt.vhost = dose',
      ]),
    );
    expect((await read('rabbitmq/enabled_plugins')).trim()).toBe('[rabbitmq_mqtt].');
    const definitions = JSON.parse(await read('rabbitmq/definitions.json')) as Definitions;
    expect(definitions.queues).toEqual([
      expect.objectContaining({
        name: 'dose-service.device-messages',
        durable: true,
        arguments: { 'x-queue-type': 'quorum' },
      }),
    ]);
    // The bindings the service itself declares (src/mqtt/amqp-ingest-queue.ts).
    expect(definitions.bindings.map((binding) => binding.routing_key)).toEqual(
      amqpBindingKeys('dose/v1'),
    );
  });

  describe('users.sh logins on a vhost of the machine RabbitMQ', () => {
    let broker: RabbitVhost;
    let amqp: ChannelModel;
    const queue = 'dose-service.device-messages';

    beforeAll(async () => {
      broker = await RabbitVhost.create('acl');
      amqp = await connect(broker.amqpUrl);
      const channel = await amqp.createChannel();
      const definitions = JSON.parse(await read('rabbitmq/definitions.json')) as Definitions;
      for (const { name, durable, arguments: args } of definitions.queues)
        await channel.assertQueue(name, { durable, arguments: args });
      for (const binding of definitions.bindings)
        await channel.bindQueue(binding.destination, binding.source, binding.routing_key);
      await channel.close();
      const kinds: [string, string][] = [
        ['service', LOGINS.service],
        ['badge', LOGINS.badgeA],
        ['badge', LOGINS.badgeB],
        ['modality', LOGINS.modality],
      ];
      for (const [kind, user] of kinds)
        await run('sh', [USERS_SCRIPT, kind, user, PASSWORD], {
          env: { ...process.env, RABBITMQ_VHOST: broker.vhost },
          timeout: 60_000,
        });
    }, TIMEOUT_MS);

    afterAll(async () => {
      await amqp?.close();
      for (const user of Object.values(LOGINS))
        await rabbitmqctl('delete_user', user).catch(() => undefined);
      await broker?.dispose();
    }, TIMEOUT_MS);

    const login = (user: string) =>
      mqtt.connectAsync(broker.url, {
        clientId: `${user}-${randomUUID().slice(0, 6)}`,
        username: `${broker.vhost}:${user}`,
        password: PASSWORD,
        protocolVersion: broker.protocolVersion,
        reconnectPeriod: 0,
      });

    /** `acknowledged`, or `refused` when the broker closed the connection instead. */
    const publishAs = async (user: string, topic: string): Promise<string> => {
      const client = await login(user);
      try {
        return await new Promise<string>((resolve) => {
          client.once('close', () => resolve('refused'));
          client.publish(topic, '{}', { qos: 1 }, (error) =>
            resolve(error ? 'refused' : 'acknowledged'),
          );
        });
      } finally {
        client.end(true);
      }
    };

    const queued = async (): Promise<string[]> => {
      const channel = await amqp.createChannel();
      const keys: string[] = [];
      for (let message = await channel.get(queue); message; message = await channel.get(queue)) {
        keys.push(message.fields.routingKey);
        channel.ack(message);
      }
      await channel.close();
      return keys;
    };

    it(
      'lets a badge publish its own readings only, and a modality its own exposures only',
      async () => {
        const { badgeA, badgeB, modality } = LOGINS;
        expect(await publishAs(badgeA, `dose/v1/badges/${badgeA}/readings`)).toBe('acknowledged');
        expect(await publishAs(badgeA, `dose/v1/badges/${badgeB}/readings`)).toBe('refused');
        expect(await publishAs(badgeA, `dose/v1/modalities/${badgeA}/exposures`)).toBe('refused');
        expect(await publishAs(modality, `dose/v1/modalities/${modality}/exposures`)).toBe(
          'acknowledged',
        );
        expect(await publishAs(modality, `dose/v1/badges/${modality}/readings`)).toBe('refused');
        expect(await queued()).toEqual([
          `dose.v1.badges.${badgeA}.readings`,
          `dose.v1.modalities.${modality}.exposures`,
        ]);
      },
      TIMEOUT_MS,
    );

    it(
      'lets the service declare, bind and consume the queue over AMQP',
      async () => {
        const { service, badgeA } = LOGINS;
        const login = `${encodeURIComponent(service)}:${PASSWORD}`;
        const model = await connect(broker.amqpUrl.replace(/\/\/[^@]*@/, `//${login}@`));
        try {
          const channel = await model.createChannel();
          // As src/mqtt/amqp-ingest-queue.ts does at every connection.
          await channel.assertQueue(queue, {
            durable: true,
            arguments: { 'x-queue-type': 'quorum' },
          });
          for (const key of amqpBindingKeys('dose/v1'))
            await channel.bindQueue(queue, 'amq.topic', key);
          expect(await publishAs(badgeA, `dose/v1/badges/${badgeA}/readings`)).toBe('acknowledged');
          const message = await eventually(async () => (await channel.get(queue)) || undefined);
          channel.ack(message);
          expect(message.fields.routingKey).toBe(`dose.v1.badges.${badgeA}.readings`);
        } finally {
          await model.close();
        }
      },
      TIMEOUT_MS,
    );

    it(
      "lets the service publish a badge's alerts, which that badge alone may read",
      async () => {
        const { service, badgeA, badgeB } = LOGINS;
        const own = await login(badgeA);
        const other = await login(badgeB);
        try {
          const received: string[] = [];
          own.on('message', (topic) => received.push(topic));
          await own.subscribeAsync(`dose/v1/badges/${badgeA}/alerts`, { qos: 1 });
          // A badge subscribing to another badge's alerts: the broker closes its connection.
          await expect(
            other.subscribeAsync(`dose/v1/badges/${badgeA}/alerts`, { qos: 1 }),
          ).rejects.toThrow(/Connection closed/);
          expect(await publishAs(service, `dose/v1/badges/${badgeA}/alerts`)).toBe('acknowledged');
          expect(await publishAs(service, `dose/v1/badges/${badgeA}/readings`)).toBe('refused');
          await eventually(() => Promise.resolve(received.length > 0 ? true : undefined));
          expect(received).toEqual([`dose/v1/badges/${badgeA}/alerts`]);
        } finally {
          own.end(true);
          other.end(true);
        }
      },
      TIMEOUT_MS,
    );
  });
});
