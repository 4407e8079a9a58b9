import { plainToInstance } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsIP,
  IsNumberString,
  IsOptional,
  IsPort,
  Length,
  Matches,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { AE_TITLE_PATTERN } from '../common/ae-title.js';
import {
  IsByteSize,
  IsDuration,
  IsOnlyWithProtocolOf,
  IsPemCertificateFile,
  IsSameDatabaseAs,
  IsTimeZone,
  IsUrlWithProtocol,
} from './validators.js';

const SECRET_MIN_LENGTH = 32;

/**
 * The service's settings as they arrive in the environment (DESIGN.md §8), all strings.
 * Validated once at start; a bad value stops start-up and names itself.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsUrlWithProtocol(['postgres:', 'postgresql:'])
  DATABASE_URL?: string;

  /**
   * The schema's owner, used only to run migrations and to grant DATABASE_URL's role what the
   * service needs (DESIGN.md §7). Unset: migrations run as DATABASE_URL's role.
   */
  @IsOptional()
  @IsUrlWithProtocol(['postgres:', 'postgresql:'])
  @IsSameDatabaseAs('DATABASE_URL')
  DATABASE_MIGRATION_URL?: string;

  /** Unset: the embedded broker. With INGEST_SOURCE=amqp, the broker's MQTT listener (alerts). */
  @ValidateIf(
    (env: EnvironmentVariables) => env.INGEST_SOURCE === 'amqp' || env.MQTT_URL !== undefined,
  )
  @IsDefined({ message: 'MQTT_URL is required when INGEST_SOURCE=amqp (alerts go out over MQTT)' })
  @IsUrlWithProtocol(['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:'])
  MQTT_URL?: string;

  /** The CA that signed the broker's certificate, for a TLS MQTT_URL; unset: the system's CAs. */
  @IsOptional()
  @IsPemCertificateFile()
  @IsOnlyWithProtocolOf('MQTT_URL', ['mqtts:', 'ssl:', 'wss:'])
  MQTT_CA_FILE?: string;

  @IsOptional()
  @IsPort()
  MQTT_PORT?: string;

  /** 5 (default) for Mosquitto, EMQX, HiveMQ; 4 (3.1.1) for brokers without MQTT 5. */
  @IsOptional()
  @IsIn(['4', '5'])
  MQTT_PROTOCOL_VERSION?: string;

  /**
   * Where device messages are taken from: `mqtt` (default) subscribes on MQTT_URL's broker;
   * `amqp` consumes a durable quorum queue on AMQP_URL that the broker's MQTT listener fills
   * (RabbitMQ), so several replicas survive losing one (DESIGN.md §9).
   */
  @IsOptional()
  @IsIn(['mqtt', 'amqp'])
  INGEST_SOURCE?: string;

  @ValidateIf(
    (env: EnvironmentVariables) => env.INGEST_SOURCE === 'amqp' || env.AMQP_URL !== undefined,
  )
  @IsDefined({ message: 'AMQP_URL is required when INGEST_SOURCE=amqp' })
  @IsUrlWithProtocol(['amqp:', 'amqps:'])
  AMQP_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,200}$/, {
    message: 'AMQP_QUEUE must be 1-200 letters, digits or _.:-',
  })
  AMQP_QUEUE?: string;

  /** Unacknowledged deliveries per replica: the memory bound of what a replica holds. */
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,3}$/, { message: 'AMQP_PREFETCH must be a whole number 1-9999' })
  AMQP_PREFETCH?: string;

  @IsOptional()
  @IsPort()
  PORT?: string;

  /** The DICOM Storage SCP's port (DESIGN.md §3.5); `0` turns the listener off. */
  @IsOptional()
  @IsPort()
  DICOM_PORT?: string;

  /** The service's AE title, as a modality's (PS3.5 Table 6.2-1, VR AE). */
  @IsOptional()
  @Matches(AE_TITLE_PATTERN, {
    message: 'DICOM_AE_TITLE must be 1 to 16 printable ASCII characters, no backslash',
  })
  DICOM_AE_TITLE?: string;

  /** Bind address of the HTTP server: an IPv4 or IPv6 address, `0.0.0.0` for every interface. */
  @IsOptional()
  @IsIP(undefined, { message: 'HOST must be an IP address such as 127.0.0.1 or 0.0.0.0' })
  HOST?: string;

  /** Serve the OpenAPI document and Swagger UI at `/api/docs`. */
  @IsOptional()
  @IsIn(['true', 'false'])
  API_DOCS?: string;

  /**
   * `true` only when every browser reaches the service over https (a TLS proxy in front): the
   * Content-Security-Policy then tells browsers to upgrade insecure requests.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  HTTPS_ONLY?: string;

  /** Required with an external database; embedded mode generates and keeps one. */
  @ValidateIf(
    (env: EnvironmentVariables) => env.DATABASE_URL !== undefined || env.JWT_SECRET !== undefined,
  )
  @IsDefined({ message: 'JWT_SECRET is required when DATABASE_URL is set' })
  @MinLength(SECRET_MIN_LENGTH)
  JWT_SECRET?: string;

  /** Required with an external database: a new secret would break every patient pseudonym. */
  @ValidateIf(
    (env: EnvironmentVariables) =>
      env.DATABASE_URL !== undefined || env.PATIENT_ID_SECRET !== undefined,
  )
  @IsDefined({ message: 'PATIENT_ID_SECRET is required when DATABASE_URL is set' })
  @MinLength(SECRET_MIN_LENGTH)
  PATIENT_ID_SECRET?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._@-]{3,64}$/, {
    message: 'ADMIN_USERNAME must be 3-64 letters, digits or ._@-',
  })
  ADMIN_USERNAME?: string;

  @IsOptional()
  @MinLength(12)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsTimeZone()
  FACILITY_TZ?: string;

  /** NRC Form 5 box 7 and Form 4's licensee column: the licensee's name. */
  @IsOptional()
  @Length(1, 200)
  LICENSEE_NAME?: string;

  /** NRC Form 5 box 8: the license number(s). */
  @IsOptional()
  @Length(1, 100)
  LICENSE_NUMBER?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, {
    message: 'MQTT_TOPIC_PREFIX must be topic levels of letters, digits, _ or - (no wildcards)',
  })
  MQTT_TOPIC_PREFIX?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'MQTT_SHARE_GROUP must be letters, digits, _ or -' })
  MQTT_SHARE_GROUP?: string;

  /**
   * `false`: a plain subscription, for a single replica on a broker that does not keep
   * shared subscriptions across its own restarts (Mosquitto 2.0.11 here does not).
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  MQTT_SHARED_SUBSCRIPTION?: string;

  /** Fixed per replica so the broker keeps its persistent session across restarts. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'MQTT_CLIENT_ID must be 1-64 letters, digits or _.-',
  })
  MQTT_CLIENT_ID?: string;

  @IsOptional()
  @IsDuration()
  MAX_CLOCK_SKEW?: string;

  @IsOptional()
  @IsByteSize()
  MAX_PAYLOAD_BYTES?: string;

  @IsOptional()
  @IsDuration()
  BADGE_SILENT_AFTER?: string;

  /** How long a seq gap may stay open (a late reading may fill it) before it raises `seqGap`. */
  @IsOptional()
  @IsDuration()
  SEQ_GAP_ALERT_AFTER?: string;

  /** From the first SIGTERM/SIGINT to the process's exit, whatever is still running then. */
  @IsOptional()
  @IsDuration('1h')
  SHUTDOWN_TIMEOUT?: string;

  @IsOptional()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @IsNumberString({ no_symbols: true })
  DB_POOL_SIZE?: string;

  /** Where people reach the web UI: the links in alert notifications. */
  @IsOptional()
  @IsUrlWithProtocol(['http:', 'https:'])
  PUBLIC_URL?: string;

  /** The mail server for alert notifications; unset: no e-mail is sent. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,253}$/, { message: 'SMTP_HOST must be a host name or address' })
  SMTP_HOST?: string;

  @IsOptional()
  @IsPort()
  SMTP_PORT?: string;

  @ValidateIf((env: EnvironmentVariables) => env.SMTP_PASSWORD !== undefined)
  @IsDefined({ message: 'SMTP_USER is required when SMTP_PASSWORD is set' })
  @MinLength(1)
  SMTP_USER?: string;

  @ValidateIf((env: EnvironmentVariables) => env.SMTP_USER !== undefined)
  @IsDefined({ message: 'SMTP_PASSWORD is required when SMTP_USER is set' })
  @MinLength(1)
  SMTP_PASSWORD?: string;

  @ValidateIf(
    (env: EnvironmentVariables) => env.SMTP_HOST !== undefined || env.SMTP_FROM !== undefined,
  )
  @IsDefined({ message: 'SMTP_FROM is required when SMTP_HOST is set' })
  @IsEmail({}, { message: 'SMTP_FROM must be an e-mail address' })
  SMTP_FROM?: string;

  /** The CA that signed the mail server's certificate; unset: the system's CAs. */
  @IsOptional()
  @IsPemCertificateFile()
  SMTP_CA_FILE?: string;

  /**
   * `true` (default): refuse to send unless the server upgrades the connection (STARTTLS);
   * `false`: upgrade when the server offers it.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  SMTP_STARTTLS?: string;
}

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Validates the environment; throws InvalidSettingsError naming every bad setting. */
export function validateEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const variables = plainToInstance(EnvironmentVariables, present);
  const errors = validateSync(variables, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new InvalidSettingsError(
      errors.flatMap((error) => Object.values(error.constraints ?? {}).map((text) => text)),
    );
  }
  return variables;
}
