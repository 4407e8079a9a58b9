import type { MqttClient } from 'mqtt';
import { connectPublisher } from './mqtt-publisher.js';
import { startRsoSession, type RsoSession } from './rso-session.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { launchUiBrowser, type UiBrowser } from './ui-browser.js';

/** A UI spec's world: a service on a database of its own, a device publisher, a browser. */
export interface UiService {
  session: RsoSession;
  baseUrl: string;
  device: MqttClient;
  browser: UiBrowser;
  close(): Promise<void>;
}

/**
 * One service per UI spec file, on a scratch database: the pages list everyone's alerts and
 * people, so another spec's data must not show up in what a test counts.
 */
export async function startUiService(
  suffix: string,
  env: NodeJS.ProcessEnv = {},
): Promise<UiService> {
  const database: ScratchDatabase = await createScratchDatabase(suffix);
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
