import { execFile } from 'node:child_process';
import type { MqttClient } from 'mqtt';
import { Http } from './support/http.js';
import { metricValue } from './support/metrics.js';
import { connectPublisher, eventually, publishJson } from './support/mqtt-publisher.js';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database.js';
import { TableLock } from './support/table-lock.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';

/** `promtool check metrics` on a scrape: its exit code and what it printed (lint findings). */
function promtool(exposition: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('promtool', ['check', 'metrics'], (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number')
        return reject(new Error(`promtool did not run: ${error.message}`));
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: stdout + stderr });
    });
    child.stdin?.end(exposition);
  });
}

/**
 * GET /metrics as Prometheus reads it (DESIGN.md §8): clean under promtool's lint (Debian
 * package `prometheus`, installed by .ci/run), with HTTP request durations by route pattern and
 * status, database and broker connectivity, and the ingest lag.
 */
describe('GET /metrics', () => {
  let service: TestApp;
  let scrape: string;

  beforeAll(async () => {
    service = await startTestApp();
    const http = new Http(service.baseUrl);
    const admin = await http.login(TEST_ADMIN.username, TEST_ADMIN.password);
    await admin.get('/api/v1/people/00000000-0000-4000-8000-000000000000');
    await http.get('/api/v1/people/00000000-0000-4000-8000-000000000001');
    await http.get('/health');
    scrape = await (await fetch(`${service.baseUrl}/metrics`)).text();
  });
  afterAll(() => service.close());

  it('passes promtool check metrics without a finding', async () => {
    expect(await promtool(scrape)).toEqual({ code: 0, output: '' });
  });

  it('times HTTP requests by route pattern, method and status, never by raw URL', () => {
    const samples = scrape
      .split('\n')
      .filter((line) => line.startsWith('dose_http_request_duration_seconds_count'));
    expect(samples).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^dose_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/people\/:id",status="403"\} 1$/,
        ),
        expect.stringMatching(
          /^dose_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/people\/:id",status="401"\} 1$/,
        ),
        expect.stringMatching(
          /^dose_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 1$/,
        ),
      ]),
    );
    expect(scrape).not.toContain('00000000-0000-4000-8000');
  });

  it('reports database and broker connectivity and the ingest lag', () => {
    expect(scrape).toMatch(/^dose_database_up 1$/m);
    expect(scrape).toMatch(/^dose_broker_up 1$/m);
    expect(scrape).toMatch(/^dose_ingest_lag_seconds 0$/m);
  });
});

describe('dose_ingest_lag_seconds', () => {
  let scratch: ScratchDatabase;
  let service: TestApp;
  let device: MqttClient;
  let lock: TableLock | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase('ingest_lag');
    service = await startTestApp({}, { databaseUrl: scratch.url });
    device = await connectPublisher();
  });
  afterAll(async () => {
    await lock?.release();
    await device.endAsync();
    await service.close();
    await scratch.drop();
  });

  it('grows while a reading waits for its commit, and is 0 once it is acknowledged', async () => {
    lock = await TableLock.take(scratch.url, 'reading');
    const topic = `${service.config.topicPrefix}/badges/LAG-1/readings`;
    // Not awaited: the PUBACK comes only after the commit, which the lock holds back.
    const published = publishJson(device, topic, { seq: 1, measuredAt: new Date().toISOString() });
    await eventually(async () =>
      (await metricValue(service, 'dose_ingest_lag_seconds')) > 0 ? true : undefined,
    );
    await lock.release();
    await published;
    // The PUBACK may reach the device a moment before the batch leaves its lane.
    await eventually(async () =>
      (await metricValue(service, 'dose_ingest_lag_seconds')) === 0 ? true : undefined,
    );
  });
});
