import { Logger } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import { loadOrCreateSecrets } from './config/embedded-secrets.js';
import type { Settings } from './config/settings.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { EmbeddedBroker } from './mqtt/embedded-broker.js';

export interface Runtime {
  config: AppConfig;
  /** Stops the embedded servers this runtime started (none in external mode). */
  stop(): Promise<void>;
}

/**
 * Resolves the settings into a running configuration: an embedded Postgres when
 * DATABASE_URL is unset, an embedded broker when MQTT_URL is unset, nothing otherwise.
 */
export async function startRuntime(
  settings: Settings,
  logger = new Logger('Runtime'),
): Promise<Runtime> {
  const embeddedDb = settings.databaseUrl === undefined;
  const secrets = embeddedDb ? await loadOrCreateSecrets(settings.dataDir) : undefined;
  const stops: (() => Promise<void>)[] = [];
  try {
    let databaseUrl = settings.databaseUrl;
    if (databaseUrl === undefined && secrets) {
      const postgres = await EmbeddedPostgres.start(settings.dataDir, secrets.postgresPassword);
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
      logger.log(`Database: embedded Postgres, data in ${postgres.dataDir}`);
    } else {
      logger.log(`Database: external (${redact(databaseUrl)})`);
    }
    let mqttUrl = settings.mqttUrl;
    if (mqttUrl === undefined) {
      const broker = await EmbeddedBroker.start(settings.mqttPort);
      stops.unshift(() => broker.stop());
      mqttUrl = broker.url;
      logger.log(`Broker: embedded aedes on ${broker.url}`);
    } else {
      logger.log(`Broker: external (${redact(mqttUrl)})`);
    }
    const config = new AppConfig(settings, {
      databaseUrl: databaseUrl as string,
      mqttUrl,
      // aedes (embedded) speaks MQTT 3.1.1 only.
      mqttProtocolVersion: settings.mqttUrl === undefined ? 4 : (settings.mqttProtocolVersion ?? 5),
      jwtSecret: settings.jwtSecret ?? (secrets as { jwtSecret: string }).jwtSecret,
      patientIdSecret:
        settings.patientIdSecret ?? (secrets as { patientIdSecret: string }).patientIdSecret,
    });
    return { config, stop: () => runAll(stops) };
  } catch (error) {
    await runAll(stops);
    throw error;
  }
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
