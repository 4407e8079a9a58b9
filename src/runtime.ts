import { Logger } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import { loadOrCreateSecrets } from './config/embedded-secrets.js';
import type { Settings } from './config/settings.js';
import { roleOf } from './database/database-roles.js';
import { openDatabase, type OpenDatabase } from './database/open-database.js';
import type { DevicePublishes } from './mqtt/device-publishes.js';
import { EmbeddedBroker, PortInUseError } from './mqtt/embedded-broker.js';

/** Ports tried after a taken default MQTT port, when MQTT_PORT is unset. */
const NEXT_MQTT_PORTS = 10;

export interface Runtime {
  config: AppConfig;
  /** The embedded broker's URL, for devices (embedded mode only). */
  embeddedBrokerUrl?: string;
  /** The embedded broker's device messages, taken in process (none with MQTT_URL). */
  devicePublishes?: DevicePublishes;
  /** Stops the embedded servers this runtime started (none in external mode). */
  stop(): Promise<void>;
  /**
   * Stops the embedded servers at once, for a shutdown out of time: the embedded Postgres
   * immediately (the in-process broker ends with the process).
   */
  kill(): Promise<void>;
  /** Last resort just before the process exits: SIGKILL to the embedded Postgres. */
  killNow(): void;
}

/**
 * Resolves the settings into a running configuration: an embedded Postgres when
 * DATABASE_URL is unset, an embedded broker when MQTT_URL is unset, nothing otherwise.
 */
export async function startRuntime(
  settings: Settings,
  logger = new Logger('Runtime'),
): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  try {
    const database = await openDatabase(settings);
    stops.push(() => database.stop());
    logger.log(
      database.embedded
        ? `Database: embedded Postgres, data in ${database.dataDir}`
        : `Database: external (${redact(database.url)})`,
    );
    if (!database.embedded) await warnOfSuperuser(database, logger);
    let mqttUrl = settings.mqttUrl;
    let embeddedBrokerUrl: string | undefined;
    let devicePublishes: DevicePublishes | undefined;
    if (mqttUrl === undefined) {
      const broker = await startEmbeddedBroker(settings, logger);
      devicePublishes = broker;
      stops.unshift(() => broker.stop());
      mqttUrl = embeddedBrokerUrl = broker.url;
      logger.log(`Broker: embedded aedes on ${broker.url} (MQTT 3.1.1 only)`);
    } else {
      logger.log(`Broker: external (${redact(mqttUrl)})`);
    }
    // Validation guarantees both secrets with an external database; embedded mode keeps its own.
    const secrets = database.embedded ? await loadOrCreateSecrets(settings.dataDir) : undefined;
    const config = new AppConfig(settings, {
      databaseUrl: database.url,
      databaseMigrationUrl: database.migrationUrl,
      mqttUrl,
      // aedes (embedded) has no shared subscriptions: one replica subscribes plainly there.
      sharedSubscription: settings.mqttUrl !== undefined && (settings.sharedSubscription ?? true),
      // aedes (embedded) speaks MQTT 3.1.1 only.
      mqttProtocolVersion: settings.mqttUrl === undefined ? 4 : (settings.mqttProtocolVersion ?? 5),
      jwtSecret: settings.jwtSecret ?? secrets?.jwtSecret ?? '',
      patientIdSecret: settings.patientIdSecret ?? secrets?.patientIdSecret ?? '',
    });
    return {
      config,
      embeddedBrokerUrl,
      devicePublishes,
      stop: () => runAll(stops),
      kill: () => database.kill(),
      killNow: () => database.killNow(),
    };
  } catch (error) {
    await runAll(stops);
    throw error;
  }
}

/**
 * The embedded broker on MQTT_PORT. When MQTT_PORT is unset and the default port is taken (a
 * broker already runs there, most likely), on the next free one of a few, said loudly: devices
 * and the simulator must be pointed there. A port given and taken stops start-up, naming the
 * two ways out.
 */
export async function startEmbeddedBroker(
  settings: Settings,
  logger: Logger,
): Promise<EmbeddedBroker> {
  const first = settings.mqttPort;
  if (settings.mqttPortGiven) return EmbeddedBroker.start(first, settings.topicPrefix);
  const last = first + NEXT_MQTT_PORTS;
  for (let port = first; port <= last; port++) {
    try {
      const broker = await EmbeddedBroker.start(port, settings.topicPrefix);
      if (port !== first) {
        logger.warn(
          `MQTT port ${first} is taken (another broker?): the embedded broker listens on ${port} instead. ` +
            `Devices and the simulator must use mqtt://127.0.0.1:${port} ` +
            `(npm run simulate -- --url mqtt://127.0.0.1:${port}). ` +
            `Set MQTT_PORT to pin a port, or MQTT_URL to use the broker on ${first}.`,
        );
      }
      return broker;
    } catch (error) {
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw new PortInUseError(
    `MQTT ports ${first}-${last} are all in use: set MQTT_PORT to a free port, or MQTT_URL to use the broker on ${first}`,
  );
}

/**
 * A superuser can switch the audit log's triggers off and run programs on the database
 * server (DESIGN.md §7): said at start, not refused, so an installation that has not split
 * its roles yet keeps running.
 */
async function warnOfSuperuser(database: OpenDatabase, logger: Logger): Promise<void> {
  // Unreachable now: the database module's connection, with its retries, will say so.
  const role = await roleOf(database.url).catch(() => undefined);
  if (!role?.superuser) return;
  logger.warn(
    `DATABASE_URL logs in as ${role.name}, a superuser: it could disable the audit log's ` +
      `triggers and run programs on the database server. Let the service log in as a role ` +
      `that owns nothing and set DATABASE_MIGRATION_URL to the schema's owner (README, "Database roles").`,
  );
}

async function runAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops) await stop();
}

/** Hides the password part of a URL for logging. */
export function redact(url: string | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
