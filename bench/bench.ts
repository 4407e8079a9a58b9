import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { startMosquitto } from '../test/support/mosquitto.js';
import { measureAlertLatency, type Latencies } from './alert-latency.js';
import { measureCeiling } from './ceiling.js';
import { freshDatabase } from './database.js';
import { measureIngest, type IngestResult } from './ingest.js';
import { measureTwoReplicasOnRabbitMq } from './rabbitmq-replicas.js';
import { measureReadLatency } from './read-latency.js';
import { BenchService } from './service.js';

/**
 * npm run bench [-- --quick] [-- --ingest-only | --no-reads]: the figures of bench/README.md,
 * measured in one run on this machine against a Mosquitto of our own (docker/ config) and a
 * fresh database.
 */
const quick = process.argv.includes('--quick');
/** `--ingest-only`: (a) and (b) alone, for profiling ingestion (no table, no results.json). */
const ingestOnly = process.argv.includes('--ingest-only');
/** `--no-reads`: (a), (b) and (d), without the history load of (e), for tuning alert latency. */
const noReads = process.argv.includes('--no-reads');
const plan = quick
  ? {
      badges: 500,
      warmup: 2,
      measure: 5,
      alertSamples: 20,
      people: 1000,
      perPerson: 50,
      requests: 100,
    }
  : {
      badges: 2000,
      warmup: 5,
      measure: 20,
      alertSamples: 200,
      people: 10_000,
      perPerson: 500,
      requests: 1000,
    };
/** The number after a `--name N` flag; undefined without the flag. */
function numberFlag(name: string): number | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : undefined;
}
/** `--alert-samples N`: fewer alert-latency samples, for a full run that is after (e). */
plan.alertSamples = numberFlag('--alert-samples') ?? plan.alertSamples;
if (!Number.isInteger(plan.alertSamples) || plan.alertSamples < 1)
  throw new Error('--alert-samples takes a whole number of samples, at least 1');
/**
 * `--badges N`: simulated badges (each with its own wearer) in (a), (b) and (d), instead of
 * the plan's: to see how the cost per reading depends on how many people a batch touches.
 */
plan.badges = numberFlag('--badges') ?? plan.badges;
if (!Number.isInteger(plan.badges) || plan.badges < 4)
  throw new Error('--badges takes a whole number of badges, at least 4 (one per publisher)');
/**
 * `--alert-background N`: (d)'s background readings/s, fixed instead of half of (b): to
 * compare two builds' alert latency at one load.
 */
const fixedBackground = numberFlag('--alert-background');
if (fixedBackground !== undefined && !(fixedBackground > 0))
  throw new Error('--alert-background takes readings per second, more than 0');
/**
 * `--wearer-history`: (b)'s and (d)'s wearers start with this year's daily totals, as a live
 * service's have by November, instead of none.
 */
const wearerHistory = process.argv.includes('--wearer-history');
/** `--no-rabbitmq`: without (b2), on a machine without RabbitMQ. */
const withRabbitMq = !process.argv.includes('--no-rabbitmq');
const PREFIX = 'dose/v1';
const SERVICE = { username: 'dose-service', password: 'bench-service-password' };
const GATEWAY = { username: 'bench-gateway', password: 'bench-gateway-password' };
const SERVICE_ENV = {
  JWT_SECRET: 'bench-jwt-secret-of-at-least-32-characters',
  PATIENT_ID_SECRET: 'bench-patient-secret-of-at-least-32-chars',
  ADMIN_PASSWORD: 'bench-admin-password',
};

async function main(): Promise<void> {
  const broker = await startMosquitto({
    users: { [SERVICE.username]: SERVICE.password, [GATEWAY.username]: GATEWAY.password },
    // A benchmark gateway that may publish any badge's readings and read alerts.
    extraAcl: `user ${GATEWAY.username}\ntopic write ${PREFIX}/badges/+/readings\ntopic read ${PREFIX}/alerts/#`,
  });
  const database = await freshDatabase();
  let service: BenchService | undefined;
  try {
    log(`broker ${broker.url}; database: ${database.where}; ${quick ? 'quick' : 'full'} run`);
    const ceiling = await measureCeiling({
      mqttUrl: broker.url,
      subscriberAuth: SERVICE,
      publisherAuth: GATEWAY,
      badges: plan.badges,
      connections: 4,
      warmupSeconds: plan.warmup,
      measureSeconds: plan.measure,
      prefix: PREFIX,
    });
    log(`(a) ceiling ${ceiling.messagesPerSecond.toFixed(0)} msg/s`);
    service = await BenchService.start({
      DATABASE_URL: database.url,
      MQTT_URL: `mqtt://${SERVICE.username}:${SERVICE.password}@127.0.0.1:${broker.port}`,
      MQTT_CLIENT_ID: 'bench-service',
      ...SERVICE_ENV,
    });
    const beforeIngest = await pipelineTimes(service);
    const ingestStart = performance.now();
    const ingest = await measureIngest({
      mqttUrl: broker.url,
      databaseUrl: database.url,
      services: [service],
      badges: plan.badges,
      connections: 4,
      warmupSeconds: plan.warmup,
      measureSeconds: plan.measure,
      auth: GATEWAY,
      prefix: PREFIX,
      cpuRoles: { servicePids: [service.pid], brokerMarker: broker.dir },
      wearerHistory,
    });
    log(
      `(b) ingest ${ingest.readingsPerSecond.toFixed(0)} readings/s committed; totals exact: ${ingest.totalsExact}`,
    );
    if (!ingest.totalsExact) {
      // No speed is worth a wrong total: the run fails, and goes on for its other figures.
      console.error('[bench] FAILED: committed totals differ from what the publishers sent');
      process.exitCode = 1;
    }
    logCpu(ingest);
    const duringIngest = meanTimes(
      beforeIngest,
      await pipelineTimes(service),
      (performance.now() - ingestStart) / 1000,
    );
    log(`    meanwhile (warm-up included): ${describeTimes(duringIngest)}`);
    let replicas: IngestResult | undefined;
    if (withRabbitMq) {
      // The single replica on Mosquitto stays up, idle once its alert evaluations are done.
      await service.alertsSettled();
      replicas = await measureTwoReplicasOnRabbitMq({
        badges: plan.badges,
        warmupSeconds: plan.warmup,
        measureSeconds: plan.measure,
        serviceEnv: SERVICE_ENV,
        prefix: PREFIX,
      });
      log(
        `(b2) ingest, 2 replicas on RabbitMQ (INGEST_SOURCE=amqp): ${replicas.readingsPerSecond.toFixed(0)} readings/s committed ` +
          `(1 replica on Mosquitto: ${ingest.readingsPerSecond.toFixed(0)}); totals exact: ${replicas.totalsExact}`,
      );
      logCpu(replicas);
      if (!replicas.totalsExact) {
        console.error('[bench] FAILED: (b2) committed totals differ from what was sent');
        process.exitCode = 1;
      }
    }
    if (ingestOnly) {
      log(`    service peak resident memory ${(await service.peakRssMb()).toFixed(0)} MB`);
      return;
    }
    const before = await pipelineTimes(service);
    const alertsStart = performance.now();
    const alerts = await measureAlertLatency({
      mqttUrl: broker.url,
      databaseUrl: database.url,
      auth: GATEWAY,
      prefix: PREFIX,
      backgroundBadges: plan.badges,
      backgroundPerSecond: fixedBackground ?? ingest.readingsPerSecond / 2,
      wearerHistory,
      samples: plan.alertSamples,
      warmupSeconds: plan.warmup,
      settled: () => service!.alertsSettled(),
    });
    log(
      `(d) alert latency p50 ${alerts.p50Ms.toFixed(1)} ms, p99 ${alerts.p99Ms.toFixed(1)} ms, ` +
        `beside ${alerts.backgroundPerSecond.toFixed(0)} background readings/s; doseLimit ` +
        `p50 ${alerts.doseLimit.p50Ms.toFixed(1)} ms, p99 ${alerts.doseLimit.p99Ms.toFixed(1)} ms`,
    );
    const during = meanTimes(
      before,
      await pipelineTimes(service),
      (performance.now() - alertsStart) / 1000,
    );
    log(`    meanwhile: ${describeTimes(during)}`);
    if (noReads) return;
    const reads = await measureReadLatency({
      databaseUrl: database.url,
      baseUrl: service.baseUrl,
      token: await rsoToken(service.baseUrl),
      people: plan.people,
      readingsPerPerson: plan.perPerson,
      requests: plan.requests,
      warmupSeconds: plan.warmup,
    });
    log(
      `(e) exposure p95 ${reads.exposure.p95Ms.toFixed(1)} ms, after ${reads.warmupRequests} warm-up requests`,
    );
    const peakRssMb = await service.peakRssMb();
    const results = {
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      quick,
      ceiling,
      ingest: {
        ...ingest,
        ratioToCeiling: ingest.readingsPerSecond / ceiling.messagesPerSecond,
        meanwhile: duringIngest,
      },
      ingestTwoReplicasRabbitMq: replicas,
      alerts: { ...alerts, meanwhile: during },
      reads,
      peakRssMb,
    };
    await writeFile(
      new URL('results.json', import.meta.url.replace('/dist/bench/', '/bench/')),
      JSON.stringify(results, null, 2),
    );
    printTable(results);
  } finally {
    await service?.stop();
    await database.drop();
    await broker.dispose();
  }
}

/** The service's own histograms of ingestion commits and alert evaluations, as sums and counts. */
async function pipelineTimes(service: BenchService): Promise<Record<string, number>> {
  const names = [
    'dose_ingest_commit_seconds_sum',
    'dose_ingest_commit_seconds_count',
    'dose_ingest_batch_messages_sum',
    'dose_alert_evaluation_seconds_sum',
    'dose_alert_evaluation_seconds_count',
  ];
  const values = await Promise.all(names.map((name) => service.metric(name)));
  return Object.fromEntries(names.map((name, i) => [name, values[i]]));
}

/**
 * Mean commit and evaluation durations between two snapshots `seconds` apart, and how often
 * evaluations ran: where alert latency goes, and how the work splits between ingestion and
 * the alert rules (an evaluation that takes less runs more often).
 */
function meanTimes(before: Record<string, number>, after: Record<string, number>, seconds: number) {
  const delta = (name: string) => after[name] - before[name];
  const commits = delta('dose_ingest_commit_seconds_count');
  const evaluations = delta('dose_alert_evaluation_seconds_count');
  return {
    commitMs: (1000 * delta('dose_ingest_commit_seconds_sum')) / commits,
    batchMessages: delta('dose_ingest_batch_messages_sum') / commits,
    evaluationMs: (1000 * delta('dose_alert_evaluation_seconds_sum')) / evaluations,
    evaluationsPerSecond: evaluations / seconds,
  };
}

function describeTimes(times: ReturnType<typeof meanTimes>): string {
  return (
    `ingest commits ${times.commitMs.toFixed(1)} ms for ${times.batchMessages.toFixed(0)} messages ` +
    `on average, alert evaluations ${times.evaluationMs.toFixed(1)} ms, ` +
    `${times.evaluationsPerSecond.toFixed(1)} per second`
  );
}

async function rsoToken(baseUrl: string): Promise<string> {
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { accessToken: string };
  };
  const admin = (
    await post('/api/v1/auth/login', { username: 'admin', password: 'bench-admin-password' })
  ).accessToken;
  await post(
    '/api/v1/users',
    { username: 'bench-rso', password: 'dose-bench-passphrase', role: 'rso' },
    admin,
  );
  return (
    await post('/api/v1/auth/login', { username: 'bench-rso', password: 'dose-bench-passphrase' })
  ).accessToken;
}

function printTable(r: {
  ceiling: { messagesPerSecond: number };
  ingest: { readingsPerSecond: number; ratioToCeiling: number; totalsExact: boolean };
  ingestTwoReplicasRabbitMq?: IngestResult;
  alerts: Latencies & { doseLimit: Latencies };
  reads: {
    exposure: { p50Ms: number; p95Ms: number };
    dashboard: object;
    readings: number;
    people: number;
  };
  peakRssMb: number;
}): void {
  const dashboard =
    'p95Ms' in r.reads.dashboard
      ? `${(r.reads.dashboard as { p95Ms: number }).p95Ms.toFixed(1)} ms`
      : 'not available';
  const rows: [string, string, string][] = [
    ['(a) broker ceiling, QoS 1', `${r.ceiling.messagesPerSecond.toFixed(0)} msg/s`, ''],
    ['(b) ingest committed', `${r.ingest.readingsPerSecond.toFixed(0)} readings/s`, '≥ 20 000'],
    ['(c) ratio b / a', r.ingest.ratioToCeiling.toFixed(2), '≥ 0.4'],
    ['    totals equal what was sent', String(r.ingest.totalsExact), 'true'],
    ...(r.ingestTwoReplicasRabbitMq
      ? ([
          [
            '(b2) ingest, 2 replicas on RabbitMQ',
            `${r.ingestTwoReplicasRabbitMq.readingsPerSecond.toFixed(0)} readings/s`,
            'none: the cost of failover',
          ],
          [
            '    totals equal what was sent',
            String(r.ingestTwoReplicasRabbitMq.totalsExact),
            'true',
          ],
        ] as [string, string, string][])
      : []),
    ['(d) alert latency p50 / p99', latencies(r.alerts), 'p99 < 500 ms'],
    ['    doseLimit alerts p50 / p99', latencies(r.alerts.doseLimit), 'p99 < 500 ms'],
    [
      `(e) exposure p50 / p95 (${r.reads.readings} readings, ${r.reads.people} people)`,
      `${r.reads.exposure.p50Ms.toFixed(1)} / ${r.reads.exposure.p95Ms.toFixed(1)} ms`,
      'p95 < 10 ms',
    ],
    ['(e) dashboard p95', dashboard, 'p95 < 100 ms'],
    ['(f) service peak resident memory', `${r.peakRssMb.toFixed(0)} MB`, '< 400 MB'],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value, target] of rows)
    console.log(`${name.padEnd(width)}  ${value.padEnd(36)}  ${target}`);
}

function latencies({ p50Ms, p99Ms, missing }: Latencies): string {
  return `${p50Ms.toFixed(1)} / ${p99Ms.toFixed(1)} ms (${missing} missing)`;
}

/** Where the machine's cores went during an ingest phase. */
function logCpu({ cpu }: IngestResult): void {
  if (!cpu) return;
  const shares = Object.entries(cpu).map(
    ([role, { cores, microsecondsPerReading }]) =>
      `${role} ${cores.toFixed(2)} cores (${microsecondsPerReading.toFixed(1)} µs/reading)`,
  );
  log(`    CPU meanwhile: ${shares.join(', ')}`);
}

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
