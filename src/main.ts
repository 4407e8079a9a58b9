import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { InvalidSettingsError } from './config/environment.js';
import { loadSettings } from './config/settings.js';
import { PortInUseError } from './mqtt/embedded-broker.js';
import { startRuntime } from './runtime.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const runtime = await startRuntime(loadSettings());
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(runtime.config),
  ).catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  configureApp(app);
  await app.listen(runtime.config.port);
  const base = `http://127.0.0.1:${runtime.config.port}`;
  const broker = runtime.embeddedBrokerUrl;
  logger.log(
    `Ready: ${base}/ (web UI), ${base}/api/docs (API)` +
      (broker ? `, ${broker} (devices, MQTT 3.1.1)` : ''),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing in-flight work and stopping`);
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown(signal));
  }
}

bootstrap().catch((error: unknown) => {
  const message =
    error instanceof InvalidSettingsError || error instanceof PortInUseError
      ? error.message
      : String((error as Error)?.stack ?? error);
  process.stderr.write(`Start-up failed. ${message}\n`);
  process.exit(1);
});
