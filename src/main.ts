import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { API_DOCS_PATH, API_PREFIX, configureApp, listen } from './app.setup.js';
import { InvalidSettingsError } from './config/environment.js';
import { loadSettings } from './config/settings.js';
import { HealthService } from './health/health.service.js';
import { PortInUseError } from './mqtt/embedded-broker.js';
import { startRuntime } from './runtime.js';
import { Shutdown } from './shutdown.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const settings = loadSettings();
  const runtime = await startRuntime(settings);
  // Set once Nest has created it; a signal may come before.
  const started: { app?: NestExpressApplication } = {};
  // From here on a signal never ends the process without stopping the embedded Postgres.
  new Shutdown(
    {
      announce: () => started.app?.get(HealthService).beginShutdown(),
      graceful: async () => {
        await started.app?.close();
        await runtime.stop();
      },
      force: () => runtime.kill(),
      killNow: () => runtime.killNow(),
    },
    settings.shutdownTimeoutMs,
    (code) => process.exit(code),
  ).listen();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(runtime.config, runtime.devicePublishes),
    {
      // Keep-alive and event-stream connections must not hold the HTTP server open at shutdown.
      forceCloseConnections: true,
    },
  ).catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  started.app = app;
  configureApp(app);
  const base = await listen(app, runtime.config);
  const broker = runtime.embeddedBrokerUrl;
  const api = runtime.config.apiDocs ? `${base}/${API_DOCS_PATH}` : `${base}/${API_PREFIX}`;
  logger.log(
    `Ready: ${base}/ (web UI), ${api} (API)` + (broker ? `, ${broker} (devices, MQTT 3.1.1)` : ''),
  );
}

bootstrap().catch((error: unknown) => {
  const message =
    error instanceof InvalidSettingsError || error instanceof PortInUseError
      ? error.message
      : String((error as Error)?.stack ?? error);
  process.stderr.write(`Start-up failed. ${message}\n`);
  process.exit(1);
});
