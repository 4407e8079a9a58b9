// Plain JavaScript on purpose: Jest loads global setup outside its ESM module system, so it
// uses the compiled service (`npm test` builds first) rather than the TypeScript sources.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';
import { EmbeddedBroker } from '../../dist/src/mqtt/embedded-broker.js';

// The same names as test-env.ts reads.
const RESOLVED_DATABASE_URL = 'DOSE_TEST_RESOLVED_DATABASE_URL';
const RESOLVED_MQTT_URL = 'DOSE_TEST_RESOLVED_MQTT_URL';

/**
 * One fresh database per test run: a new database on TEST_DATABASE_URL's server, or an
 * embedded Postgres in a temporary folder. The broker is TEST_MQTT_URL or an embedded one.
 * Workers inherit the resolved URLs through the environment.
 */
export default async function globalSetup() {
  const stops = [];
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const name = `dose_test_${Date.now()}_${process.pid}`;
    await adminQuery(external, `CREATE DATABASE ${name}`);
    const url = new URL(external);
    url.pathname = `/${name}`;
    process.env[RESOLVED_DATABASE_URL] = url.toString();
    stops.push(() => adminQuery(external, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'dose-test-pg-'));
    const postgres = await EmbeddedPostgres.start(dir, 'test-password');
    process.env[RESOLVED_DATABASE_URL] = postgres.url;
    stops.push(async () => {
      await postgres.stop();
      await rm(dir, { recursive: true, force: true });
    });
  }
  if (process.env.TEST_MQTT_URL) {
    process.env[RESOLVED_MQTT_URL] = process.env.TEST_MQTT_URL;
  } else {
    const broker = await EmbeddedBroker.start(0);
    process.env[RESOLVED_MQTT_URL] = broker.url;
    stops.push(() => broker.stop());
  }
  globalThis.__doseTestRun = {
    teardown: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

async function adminQuery(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
