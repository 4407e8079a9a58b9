import { hostname } from 'node:os';
import path from 'node:path';
import { validateEnvironment } from './environment.js';
import { parseByteSize, parseDuration } from './units.js';

/** Validated settings with defaults applied (DESIGN.md §8). URLs unset mean "embedded". */
export interface Settings {
  databaseUrl?: string;
  /** The schema owner's URL, for migrations only (external database). */
  databaseMigrationUrl?: string;
  mqttUrl?: string;
  /** Absolute path of the broker's CA certificate(s), PEM. */
  mqttCaFile?: string;
  mqttPort: number;
  /** MQTT_PORT was set: a taken port stops start-up instead of moving the broker to the next. */
  mqttPortGiven: boolean;
  mqttProtocolVersion?: 4 | 5;
  /** Where device messages come from: MQTT_URL's subscription, or AMQP_URL's queue. */
  ingestSource: 'mqtt' | 'amqp';
  amqpUrl?: string;
  /** The durable quorum queue the replicas consume from, bound to the device topics. */
  amqpQueue: string;
  amqpPrefetch: number;
  port: number;
  /** The DICOM Storage SCP's port; 0: no DICOM listener. */
  dicomPort: number;
  dicomAeTitle: string;
  /** 127.0.0.1 in embedded mode (one machine); 0.0.0.0 with an external database (a container behind a proxy). */
  host: string;
  apiDocs: boolean;
  httpsOnly: boolean;
  jwtSecret?: string;
  patientIdSecret?: string;
  adminUsername: string;
  adminPassword?: string;
  facilityTz: string;
  licenseeName?: string;
  licenseNumber?: string;
  topicPrefix: string;
  shareGroup: string;
  sharedSubscription?: boolean;
  mqttClientId: string;
  maxClockSkewMs: number;
  maxPayloadBytes: number;
  badgeSilentAfterMs: number;
  seqGapAlertAfterMs: number;
  shutdownTimeoutMs: number;
  dataDir: string;
  dbPoolSize: number;
  /** The web UI's address, for links in notifications (no trailing slash). */
  publicUrl: string;
  /** Unset: alert e-mail is off. */
  smtp?: SmtpSettings;
}

/** The mail server alert notifications go through (SMTP_*). */
export interface SmtpSettings {
  host: string;
  port: number;
  user?: string;
  password?: string;
  from: string;
  /** Absolute path of the CA certificate(s) the server's certificate is checked against, PEM. */
  caFile?: string;
  /** Require STARTTLS before anything, the credentials included, is sent. */
  startTls: boolean;
}

const defined = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`${what} passed validation but did not parse`);
  return value;
};

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const v = validateEnvironment(env);
  return {
    databaseUrl: v.DATABASE_URL,
    databaseMigrationUrl: v.DATABASE_MIGRATION_URL,
    mqttUrl: v.MQTT_URL,
    mqttCaFile: v.MQTT_CA_FILE === undefined ? undefined : path.resolve(v.MQTT_CA_FILE),
    mqttPort: Number(v.MQTT_PORT ?? 1883),
    mqttPortGiven: v.MQTT_PORT !== undefined,
    mqttProtocolVersion:
      v.MQTT_PROTOCOL_VERSION === undefined ? undefined : v.MQTT_PROTOCOL_VERSION === '4' ? 4 : 5,
    ingestSource: v.INGEST_SOURCE === 'amqp' ? 'amqp' : 'mqtt',
    amqpUrl: v.AMQP_URL,
    amqpQueue: v.AMQP_QUEUE ?? 'dose-service.device-messages',
    // Two partitions' full batches (ingest-consumer.service.ts) in flight, and a little more.
    amqpPrefetch: Number(v.AMQP_PREFETCH ?? 5_000),
    port: Number(v.PORT ?? 3000),
    // 11112: the port IANA registered for DICOM (PS3.8 Annex G.1, "dicom" 11112/tcp).
    dicomPort: Number(v.DICOM_PORT ?? 11112),
    dicomAeTitle: (v.DICOM_AE_TITLE ?? 'DOSE').trim(),
    host: v.HOST ?? (v.DATABASE_URL === undefined ? '127.0.0.1' : '0.0.0.0'),
    // The API's full shape is for whoever develops against it, not for the network of a
    // production installation (an external database): there it must be asked for.
    apiDocs: (v.API_DOCS ?? (v.DATABASE_URL === undefined ? 'true' : 'false')) === 'true',
    httpsOnly: v.HTTPS_ONLY === 'true',
    jwtSecret: v.JWT_SECRET,
    patientIdSecret: v.PATIENT_ID_SECRET,
    adminUsername: v.ADMIN_USERNAME ?? 'admin',
    adminPassword: v.ADMIN_PASSWORD,
    facilityTz: v.FACILITY_TZ ?? 'UTC',
    licenseeName: v.LICENSEE_NAME,
    licenseNumber: v.LICENSE_NUMBER,
    topicPrefix: v.MQTT_TOPIC_PREFIX ?? 'dose/v1',
    shareGroup: v.MQTT_SHARE_GROUP ?? 'dose-service',
    sharedSubscription:
      v.MQTT_SHARED_SUBSCRIPTION === undefined ? undefined : v.MQTT_SHARED_SUBSCRIPTION === 'true',
    mqttClientId: v.MQTT_CLIENT_ID ?? `dose-service-${hostname()}`.slice(0, 64),
    maxClockSkewMs: defined(parseDuration(v.MAX_CLOCK_SKEW ?? '5m'), 'MAX_CLOCK_SKEW'),
    maxPayloadBytes: defined(parseByteSize(v.MAX_PAYLOAD_BYTES ?? '256KiB'), 'MAX_PAYLOAD_BYTES'),
    badgeSilentAfterMs: defined(parseDuration(v.BADGE_SILENT_AFTER ?? '24h'), 'BADGE_SILENT_AFTER'),
    seqGapAlertAfterMs: defined(
      parseDuration(v.SEQ_GAP_ALERT_AFTER ?? '10m'),
      'SEQ_GAP_ALERT_AFTER',
    ),
    shutdownTimeoutMs: defined(parseDuration(v.SHUTDOWN_TIMEOUT ?? '20s'), 'SHUTDOWN_TIMEOUT'),
    dataDir: path.resolve(v.DATA_DIR ?? 'data'),
    dbPoolSize: Number(v.DB_POOL_SIZE ?? 10),
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${v.PORT ?? 3000}`).replace(/\/+$/, ''),
    smtp:
      v.SMTP_HOST === undefined
        ? undefined
        : {
            host: v.SMTP_HOST,
            // 587: the submission port (RFC 6409 §3.1).
            port: Number(v.SMTP_PORT ?? 587),
            user: v.SMTP_USER,
            password: v.SMTP_PASSWORD,
            from: defined(v.SMTP_FROM, 'SMTP_FROM'),
            caFile: v.SMTP_CA_FILE === undefined ? undefined : path.resolve(v.SMTP_CA_FILE),
            startTls: (v.SMTP_STARTTLS ?? 'true') === 'true',
          },
  };
}
