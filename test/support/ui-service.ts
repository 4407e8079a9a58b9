import type { MqttClient } from 'mqtt';
import { connectPublisher } from './mqtt-publisher.js';
import { startRsoSession, type RsoSession } from './rso-session.js';
import { createScratchDatabase } from './scratch-database.js';
import { launchUiBrowser, type UiBrowser } from './ui-browser.js';

/** One UI spec's world: a service on a database of its own, a device client, a browser. */
export interface UiService {
  session: RsoSession;
  baseUrl: string;
  device: MqttClient;
  browser: UiBrowser;
  close(): Promise<void>;
}

/**
 * Starts it on a scratch database named `databaseName` (the spec creates logins, so it keeps
 * them off the shared database); `close` ends and drops everything it started.
 */
export async function startUiService(
  databaseName: string,
  env: NodeJS.ProcessEnv = {},
): Promise<UiService> {
  const database = await createScratchDatabase(databaseName);
  const session = await startRsoSession(env, { databaseUrl: database.url });
  const device = await connectPublisher();
  const browser = await launchUiBrowser();
  return {
    session,
    baseUrl: session.service.baseUrl,
    device,
    browser,
    async close() {
      await browser.close();
      await device.endAsync();
      await session.service.close();
      await database.drop();
    },
  };
}
