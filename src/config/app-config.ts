import type { Settings, SmtpSettings } from './settings.js';

/**
 * The configuration the running service uses: the settings with every embedded server
 * resolved to a URL and every secret present. Injected by class.
 */
export class AppConfig {
  /** The service's own role, which owns nothing (DESIGN.md §7). */
  readonly databaseUrl: string;
  /** The schema owner, for migrations only; DATABASE_URL when there is no other. */
  readonly databaseMigrationUrl: string;
  readonly mqttUrl: string;
  /** The broker's CA certificate(s) for a TLS MQTT_URL; unset: the system's CAs. */
  readonly mqttCaFile?: string;
  /** MQTT 5 against real brokers; aedes (embedded) speaks 3.1.1 only. */
  readonly mqttProtocolVersion: 4 | 5;
  /** `$share/{group}/...` so replicas split the load; plain on brokers without it (aedes). */
  readonly sharedSubscription: boolean;
  /** `amqp`: device messages come from AMQP_URL's quorum queue, not an MQTT subscription. */
  readonly ingestSource: 'mqtt' | 'amqp';
  readonly amqpUrl?: string;
  readonly amqpQueue: string;
  readonly amqpPrefetch: number;
  readonly jwtSecret: string;
  readonly patientIdSecret: string;
  readonly port: number;
  /** The DICOM Storage SCP's port (DESIGN.md §3.5); 0: off. */
  readonly dicomPort: number;
  readonly dicomAeTitle: string;
  readonly host: string;
  readonly apiDocs: boolean;
  readonly httpsOnly: boolean;
  readonly adminUsername: string;
  readonly adminPassword?: string;
  readonly facilityTz: string;
  /** NRC Form 5 boxes 7 and 8 (LICENSEE_NAME, LICENSE_NUMBER); blank on the form when unset. */
  readonly licenseeName?: string;
  readonly licenseNumber?: string;
  readonly topicPrefix: string;
  readonly shareGroup: string;
  readonly mqttClientId: string;
  readonly maxClockSkewMs: number;
  readonly maxPayloadBytes: number;
  readonly badgeSilentAfterMs: number;
  /** SEQ_GAP_ALERT_AFTER: how long a seq gap stays open before it raises `seqGap`. */
  readonly seqGapAlertAfterMs: number;
  readonly shutdownTimeoutMs: number;
  readonly dataDir: string;
  readonly dbPoolSize: number;
  readonly publicUrl: string;
  /** Unset: alert e-mail is off. */
  readonly smtp?: SmtpSettings;

  constructor(
    settings: Settings,
    resolved: Pick<
      AppConfig,
      | 'databaseUrl'
      | 'mqttUrl'
      | 'mqttProtocolVersion'
      | 'sharedSubscription'
      | 'jwtSecret'
      | 'patientIdSecret'
    > &
      Partial<Pick<AppConfig, 'databaseMigrationUrl'>>,
  ) {
    // The resolved values replace the settings' optional ones.
    Object.assign(this, settings, resolved);
    this.databaseMigrationUrl = resolved.databaseMigrationUrl ?? resolved.databaseUrl;
  }
}
