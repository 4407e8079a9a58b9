/**
 * The machine's RabbitMQ (AMQP on 127.0.0.1:5672) with its MQTT plugin, for the
 * INGEST_SOURCE=amqp tests. The plugin listens on a port of its own (Mosquitto holds 1883)
 * and is enabled here, idempotently, so no test depends on a session having done it. The
 * broker is shared by the machine: each test works in a vhost of its own, deleted after.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createConnection } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HOST = '127.0.0.1';
export const RABBIT_MQTT_PORT = Number(process.env.RABBITMQ_MQTT_PORT ?? 1884);
const AMQP_PORT = Number(process.env.RABBITMQ_AMQP_PORT ?? 5672);
/** RabbitMQ's default user, allowed from loopback only: every login here is on loopback. */
const USER = 'guest';
const COMMAND_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 120_000;

export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', args, { timeout: COMMAND_TIMEOUT_MS });
  return stdout;
}

/** Whether something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function untilListening(ports: readonly number[]): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if ((await Promise.all(ports.map(listening))).every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`RabbitMQ is not listening on ${ports.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The MQTT plugin on RABBIT_MQTT_PORT (loopback); a no-op when it already listens. */
export async function enableRabbitMqtt(): Promise<void> {
  if (await listening(RABBIT_MQTT_PORT)) return;
  // The listener is set before the plugin starts, else it would take 1883 (Mosquitto's).
  await rabbitmqctl(
    'eval',
    `application:load(rabbitmq_mqtt), application:set_env(rabbitmq_mqtt, tcp_listeners, [{"${HOST}", ${RABBIT_MQTT_PORT}}]).`,
  );
  await run('rabbitmq-plugins', ['enable', 'rabbitmq_mqtt'], { timeout: COMMAND_TIMEOUT_MS });
  await untilListening([RABBIT_MQTT_PORT]);
}

/**
 * A vhost of the machine's RabbitMQ for one test: devices reach it over MQTT as
 * `<vhost>:guest` (the plugin's vhost prefix), the service over AMQP_URL and MQTT_URL.
 */
export class RabbitVhost {
  /** mqtt://127.0.0.1:<plugin port>, without credentials. */
  readonly url = `mqtt://${HOST}:${RABBIT_MQTT_PORT}`;
  /** RabbitMQ 3.10's MQTT plugin speaks 3.1.1 only (MQTT 5 arrived in 3.13). */
  readonly protocolVersion = 4;

  private constructor(readonly vhost: string) {}

  static async create(name: string): Promise<RabbitVhost> {
    await enableRabbitMqtt();
    const vhost = `dose-test-${name}-${randomUUID().slice(0, 8)}`;
    await rabbitmqctl('add_vhost', vhost);
    await rabbitmqctl('set_permissions', '-p', vhost, USER, '.*', '.*', '.*');
    return new RabbitVhost(vhost);
  }

  get amqpUrl(): string {
    return `amqp://${USER}:${USER}@${HOST}:${AMQP_PORT}/${encodeURIComponent(this.vhost)}`;
  }

  /** Every broker user of the test logs in as guest, in this vhost. */
  login(): { username: string; password: string } {
    return { username: `${this.vhost}:${USER}`, password: USER };
  }

  /** The service's settings for this mode, beside MQTT_URL. */
  get serviceEnv(): Record<string, string> {
    return { INGEST_SOURCE: 'amqp', AMQP_URL: this.amqpUrl, MQTT_PROTOCOL_VERSION: '4' };
  }

  /** Messages ready and unacknowledged in a queue of this vhost. */
  async queueDepth(queue: string): Promise<number> {
    const out = await rabbitmqctl('list_queues', '-q', '-p', this.vhost, 'name', 'messages');
    const line = out.split('\n').find((row) => row.split('\t')[0] === queue);
    return Number(line?.split('\t')[1] ?? 0);
  }

  /**
   * Kills the process of a quorum queue of this vhost (its Raft member, which holds the
   * queue's state in memory), as a crash would; RabbitMQ starts it again from its log.
   */
  async crashQueue(queue: string): Promise<void> {
    const name = (text: string) => `<<"${text.replaceAll('"', '\\"')}">>`;
    const killed = await rabbitmqctl(
      'eval',
      `{ok, Q} = rabbit_amqqueue:lookup(rabbit_misc:r(${name(this.vhost)}, queue, ${name(queue)})), ` +
        `{Member, _} = amqqueue:get_pid(Q), Pid = whereis(Member), exit(Pid, kill), is_pid(Pid).`,
    );
    if (killed.trim() !== 'true') throw new Error(`no process for queue ${queue}: ${killed}`);
  }

  /**
   * Stops and starts the whole broker application (every queue, every listener): the
   * machine's RabbitMQ is back, MQTT plugin included, before this resolves.
   */
  async restart(): Promise<void> {
    try {
      await rabbitmqctl('stop_app');
    } finally {
      await rabbitmqctl('start_app');
      await untilListening([AMQP_PORT]);
      await enableRabbitMqtt();
    }
  }

  async dispose(): Promise<void> {
    await rabbitmqctl('delete_vhost', this.vhost);
  }
}
