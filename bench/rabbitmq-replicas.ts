import { RabbitVhost } from '../test/support/rabbitmq.js';
import { freshDatabase } from './database.js';
import { measureIngest, type IngestResult } from './ingest.js';
import { BenchService } from './service.js';

export interface ReplicasPlan {
  badges: number;
  warmupSeconds: number;
  measureSeconds: number;
  /** Settings every replica shares (secrets, admin password). */
  serviceEnv: Record<string, string>;
  prefix: string;
}

const REPLICAS = 2;

/**
 * (b2) The ingest of (b), with two replicas consuming RabbitMQ's quorum queue
 * (INGEST_SOURCE=amqp) while the publishers speak MQTT to RabbitMQ's MQTT plugin: what
 * surviving the loss of a replica costs on this machine. A vhost of the machine's RabbitMQ
 * and a database of its own, both removed at the end.
 */
export async function measureTwoReplicasOnRabbitMq(plan: ReplicasPlan): Promise<IngestResult> {
  const broker = await RabbitVhost.create('bench');
  const database = await freshDatabase();
  const services: BenchService[] = [];
  try {
    const { username, password } = broker.login();
    const credentials = `${encodeURIComponent(username)}:${encodeURIComponent(password)}`;
    for (let replica = 1; replica <= REPLICAS; replica++) {
      // One after the other: the first migrates the empty database.
      services.push(
        await BenchService.start({
          ...plan.serviceEnv,
          ...broker.serviceEnv,
          DATABASE_URL: database.url,
          MQTT_URL: broker.url.replace('mqtt://', `mqtt://${credentials}@`),
          MQTT_CLIENT_ID: `bench-replica-${replica}`,
        }),
      );
    }
    // A device message that finds no queue bound is acknowledged and dropped by RabbitMQ:
    // the publishers start once the queue is declared and bound.
    await untilLogged(services[0], 'Subscribed to AMQP queue');
    return await measureIngest({
      mqttUrl: broker.url,
      protocolVersion: broker.protocolVersion,
      databaseUrl: database.url,
      services,
      badges: plan.badges,
      connections: 4,
      warmupSeconds: plan.warmupSeconds,
      measureSeconds: plan.measureSeconds,
      auth: { username, password },
      prefix: plan.prefix,
      cpuRoles: {
        servicePids: services.map((service) => service.pid),
        brokerCommand: 'beam.smp',
        brokerMarker: 'rabbit',
      },
      wearerHistory: false,
    });
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await database.drop();
    await broker.dispose();
  }
}

async function untilLogged(service: BenchService, text: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!service.output.includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" from the service:\n${service.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
