import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { AppConfig } from '../../src/config/app-config.js';
import { loadSettings } from '../../src/config/settings.js';
import { testDatabaseUrl, testMqttProtocol, testMqttUrl } from './test-env.js';

export const TEST_ADMIN = { username: 'admin', password: 'admin-test-password' };

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The whole service in this process, on the run's database and broker, with a topic
 * prefix and client id of its own so tests never see each other's messages.
 */
export async function startTestApp(
  env: NodeJS.ProcessEnv = {},
  resolved: Partial<
    Pick<
      AppConfig,
      | 'databaseUrl'
      | 'databaseMigrationUrl'
      | 'mqttUrl'
      | 'mqttProtocolVersion'
      | 'sharedSubscription'
    >
  > = {},
): Promise<TestApp> {
  const id = randomUUID().slice(0, 8);
  const settings = loadSettings({
    ADMIN_PASSWORD: TEST_ADMIN.password,
    MQTT_TOPIC_PREFIX: `test-${id}/dose/v1`,
    MQTT_CLIENT_ID: `test-service-${id}`,
    MQTT_SHARE_GROUP: `test-${id}`,
    // Tests run side by side: only a test that asks for the DICOM listener gets one.
    DICOM_PORT: '0',
    ...env,
  });
  // One database has one facility time zone: daily totals sit on its days, and other suites
  // rebuild every total on the run's shared database (recompute-totals) on UTC days. A
  // service on Paris days there counted a reading of 23:xx UTC a day later, and four suites
  // failed whenever the run came shortly after midnight UTC.
  if (settings.facilityTz !== 'UTC' && resolved.databaseUrl === undefined)
    throw new Error(
      `FACILITY_TZ=${settings.facilityTz} needs a database of the test's own (createScratchDatabase): the run's shared one keeps UTC days`,
    );
  const config = new AppConfig(settings, {
    databaseUrl: testDatabaseUrl(),
    mqttUrl: testMqttUrl(),
    mqttProtocolVersion: testMqttProtocol(),
    sharedSubscription: testMqttProtocol() === 5,
    jwtSecret: 'test-jwt-secret-that-is-at-least-32-chars',
    patientIdSecret: 'test-patient-secret-at-least-32-characters',
    ...resolved,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: process.env.TEST_LOG ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn'],
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, config, baseUrl, close: () => app.close() };
}
