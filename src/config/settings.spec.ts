import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { InvalidSettingsError } from './environment.js';
import { loadSettings } from './settings.js';
import { parseByteSize, parseDuration } from './units.js';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.problems;
    throw error;
  }
  return [];
};

describe('settings', () => {
  it('applies the defaults of DESIGN.md §8 to an empty environment', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      databaseUrl: undefined,
      mqttUrl: undefined,
      mqttPort: 1883,
      mqttPortGiven: false,
      port: 3000,
      facilityTz: 'UTC',
      topicPrefix: 'dose/v1',
      maxClockSkewMs: 5 * 60_000,
      maxPayloadBytes: 256 * 1024,
      badgeSilentAfterMs: 24 * 3_600_000,
      seqGapAlertAfterMs: 10 * 60_000,
      shutdownTimeoutMs: 20_000,
      adminUsername: 'admin',
    });
  });

  it('binds HTTP to 127.0.0.1 and serves the API docs in embedded mode, over plain http', () => {
    expect(loadSettings({})).toMatchObject({ host: '127.0.0.1', apiDocs: true, httpsOnly: false });
  });

  it('binds every interface and hides the API docs with an external database', () => {
    const external = {
      DATABASE_URL: 'postgres://db/dose',
      JWT_SECRET: 'j'.repeat(32),
      PATIENT_ID_SECRET: 'p'.repeat(32),
    };
    expect(loadSettings(external)).toMatchObject({ host: '0.0.0.0', apiDocs: false });
    expect(
      loadSettings({ ...external, HOST: '10.0.0.5', API_DOCS: 'true', HTTPS_ONLY: 'true' }),
    ).toMatchObject({ host: '10.0.0.5', apiDocs: true, httpsOnly: true });
  });

  it('tells a given MQTT_PORT from the default one, even when it is 1883', () => {
    expect(loadSettings({ MQTT_PORT: '1883' })).toMatchObject({
      mqttPort: 1883,
      mqttPortGiven: true,
    });
    expect(loadSettings({ MQTT_PORT: '0' })).toMatchObject({ mqttPort: 0, mqttPortGiven: true });
  });

  it('reads the DICOM listener settings, off at port 0', () => {
    expect(loadSettings({})).toMatchObject({ dicomPort: 11112, dicomAeTitle: 'DOSE' });
    expect(loadSettings({ DICOM_PORT: '0', DICOM_AE_TITLE: 'DOSE_NODE' })).toMatchObject({
      dicomPort: 0,
      dicomAeTitle: 'DOSE_NODE',
    });
  });

  it('reads the shutdown and seq gap times', () => {
    const settings = loadSettings({ SHUTDOWN_TIMEOUT: '45s', SEQ_GAP_ALERT_AFTER: '2h' });
    expect(settings).toMatchObject({ shutdownTimeoutMs: 45_000, seqGapAlertAfterMs: 7_200_000 });
  });

  it('treats empty values as unset', () => {
    expect(loadSettings({ PORT: '', FACILITY_TZ: '' }).port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['MQTT_PORT', '-1'],
    ['DICOM_PORT', '99999'],
    ['DICOM_AE_TITLE', 'A_TITLE_LONGER_THAN_16'],
    ['DICOM_AE_TITLE', 'BACK\\SLASH'],
    ['DICOM_AE_TITLE', '   '],
    ['FACILITY_TZ', 'Mars/Base'],
    ['MAX_CLOCK_SKEW', '5 minutes'],
    ['BADGE_SILENT_AFTER', '0h'],
    ['SEQ_GAP_ALERT_AFTER', '10 minutes'],
    ['SHUTDOWN_TIMEOUT', '0s'],
    ['SHUTDOWN_TIMEOUT', '20'],
    ['SHUTDOWN_TIMEOUT', '30d'],
    ['MAX_PAYLOAD_BYTES', '1GB'],
    ['MQTT_TOPIC_PREFIX', 'dose/#'],
    ['MQTT_TOPIC_PREFIX', '/dose'],
    ['MQTT_SHARE_GROUP', 'a/b'],
    ['MQTT_URL', 'http://broker'],
    ['MQTT_PROTOCOL_VERSION', '3'],
    ['ADMIN_PASSWORD', 'short'],
    ['HOST', 'everywhere'],
    ['API_DOCS', 'yes'],
    ['HTTPS_ONLY', '1'],
  ])('refuses %s=%s, naming the setting', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('requires both secrets, at least 32 characters, with an external database', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://db/dose', JWT_SECRET: 'too short' });
    expect(problems.join('\n')).toMatch(/JWT_SECRET must be longer than or equal to 32/);
    expect(problems.join('\n')).toMatch(/PATIENT_ID_SECRET is required when DATABASE_URL is set/);
  });

  it('reports every bad setting at once', () => {
    expect(
      problemsOf({ PORT: 'x', FACILITY_TZ: 'Nowhere', DATABASE_URL: 'nonsense' }).length,
    ).toBeGreaterThanOrEqual(3);
  });

  describe('SMTP and PUBLIC_URL (alert notifications)', () => {
    it('leaves e-mail off without SMTP_HOST and links to the local UI', () => {
      expect(loadSettings({})).toMatchObject({
        smtp: undefined,
        publicUrl: 'http://localhost:3000',
      });
    });

    it('reads a mail server, STARTTLS required unless turned off', () => {
      const settings = loadSettings({
        SMTP_HOST: 'mail.example.org',
        SMTP_FROM: 'dose@example.org',
        SMTP_USER: 'dose',
        SMTP_PASSWORD: 'secret',
        PUBLIC_URL: 'https://dose.example.org/',
      });
      expect(settings.publicUrl).toBe('https://dose.example.org');
      expect(settings.smtp).toEqual({
        host: 'mail.example.org',
        port: 587,
        user: 'dose',
        password: 'secret',
        from: 'dose@example.org',
        caFile: undefined,
        startTls: true,
      });
      expect(
        loadSettings({ SMTP_HOST: 'mail', SMTP_FROM: 'a@b.org', SMTP_STARTTLS: 'false' }).smtp
          ?.startTls,
      ).toBe(false);
    });

    it('names a missing sender, a lone user or password, a bad port and URL', () => {
      const problems = problemsOf({
        SMTP_HOST: 'mail',
        SMTP_USER: 'dose',
        SMTP_PORT: 'x',
        PUBLIC_URL: 'ftp://x',
      }).join('\n');
      expect(problems).toMatch(/SMTP_FROM is required when SMTP_HOST is set/);
      expect(problems).toMatch(/SMTP_PASSWORD is required when SMTP_USER is set/);
      expect(problems).toMatch(/SMTP_PORT/);
      expect(problems).toMatch(/PUBLIC_URL/);
    });
  });

  describe('DATABASE_MIGRATION_URL', () => {
    const external = {
      DATABASE_URL: 'postgres://dose_service:pw@db/dose',
      JWT_SECRET: 'j'.repeat(32),
      PATIENT_ID_SECRET: 'p'.repeat(32),
    };

    it('is the owner of the same database, another role', () => {
      const settings = loadSettings({
        ...external,
        DATABASE_MIGRATION_URL: 'postgresql://dose_owner:pw2@db:5432/dose',
      });
      expect(settings).toMatchObject({
        databaseUrl: 'postgres://dose_service:pw@db/dose',
        databaseMigrationUrl: 'postgresql://dose_owner:pw2@db:5432/dose',
      });
    });

    it.each([
      ['another database', 'postgres://dose_owner:pw@db/other'],
      ['another server', 'postgres://dose_owner:pw@db2/dose'],
      ['not a URL', 'dose_owner'],
    ])('is refused for %s', (_what, url) => {
      expect(problemsOf({ ...external, DATABASE_MIGRATION_URL: url }).join('\n')).toMatch(
        /DATABASE_MIGRATION_URL must name the same server and database as DATABASE_URL/,
      );
    });

    it('is refused without DATABASE_URL: embedded mode sets up its own roles', () => {
      expect(problemsOf({ DATABASE_MIGRATION_URL: 'postgres://dose_owner@db/dose' })).toEqual([
        expect.stringMatching(/DATABASE_MIGRATION_URL .* as DATABASE_URL, which it needs/),
      ]);
    });
  });

  describe('MQTT_CA_FILE', () => {
    let dir: string;
    let caFile: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'dose-settings-'));
      caFile = path.join(dir, 'ca.crt');
      // Any PEM certificate will do: one of Node's bundled root CAs.
      writeFileSync(caFile, rootCertificates[0]);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names the broker CA for a TLS MQTT_URL', () => {
      const settings = loadSettings({ MQTT_URL: 'mqtts://broker:8883', MQTT_CA_FILE: caFile });
      expect(settings.mqttCaFile).toBe(caFile);
    });

    it.each([
      ['a missing file', () => path.join(dir, 'missing.crt'), /must be a readable file of PEM/],
      ['a file without a certificate', () => path.join(dir, 'empty'), /must be a readable file/],
    ])('is refused for %s', (_what, file, message) => {
      writeFileSync(path.join(dir, 'empty'), 'not a certificate\n');
      const problems = problemsOf({ MQTT_URL: 'mqtts://broker:8883', MQTT_CA_FILE: file() });
      expect(problems).toEqual([expect.stringMatching(message)]);
    });

    it.each([['mqtt://broker:1883'], [undefined]])('is refused with MQTT_URL %s', (url) => {
      expect(problemsOf({ MQTT_URL: url, MQTT_CA_FILE: caFile })).toEqual([
        'MQTT_CA_FILE needs MQTT_URL starting with mqtts:// or ssl:// or wss://',
      ]);
    });
  });

  it('accepts a complete external configuration', () => {
    const settings = loadSettings({
      DATABASE_URL: 'postgresql://dose:pw@db:5432/dose',
      MQTT_URL: 'mqtts://dose-service:pw@broker:8883',
      JWT_SECRET: 'j'.repeat(32),
      PATIENT_ID_SECRET: 'p'.repeat(32),
      FACILITY_TZ: 'Europe/Paris',
      MAX_PAYLOAD_BYTES: '1MiB',
      MQTT_PROTOCOL_VERSION: '4',
    });
    expect(settings).toMatchObject({
      facilityTz: 'Europe/Paris',
      maxPayloadBytes: 1_048_576,
      mqttProtocolVersion: 4,
    });
  });
});

describe('INGEST_SOURCE (several replicas on RabbitMQ)', () => {
  const amqp = {
    INGEST_SOURCE: 'amqp',
    AMQP_URL: 'amqps://dose-service:pw@rabbitmq:5671/dose',
    MQTT_URL: 'mqtts://dose-service:pw@rabbitmq:8883',
  };

  it('takes device messages from MQTT unless told otherwise', () => {
    expect(loadSettings({})).toMatchObject({ ingestSource: 'mqtt', amqpUrl: undefined });
  });

  it('reads the queue, its name and prefetch', () => {
    expect(
      loadSettings({ ...amqp, AMQP_QUEUE: 'dose.ingest', AMQP_PREFETCH: '500' }),
    ).toMatchObject({
      ingestSource: 'amqp',
      amqpUrl: amqp.AMQP_URL,
      amqpQueue: 'dose.ingest',
      amqpPrefetch: 500,
    });
    expect(loadSettings(amqp)).toMatchObject({ amqpQueue: 'dose-service.device-messages' });
  });

  it('needs AMQP_URL, and MQTT_URL for the alerts', () => {
    const problems = problemsOf({ INGEST_SOURCE: 'amqp' });
    expect(problems).toContain(
      'MQTT_URL is required when INGEST_SOURCE=amqp (alerts go out over MQTT)',
    );
    expect(problems).toContain('AMQP_URL is required when INGEST_SOURCE=amqp');
  });

  it.each([
    ['INGEST_SOURCE', 'kafka'],
    ['AMQP_URL', 'mqtt://rabbitmq:1883'],
    ['AMQP_QUEUE', 'a queue'],
    ['AMQP_PREFETCH', '0'],
    ['AMQP_PREFETCH', '10000'],
  ])('refuses %s=%s, naming the setting', (name, value) => {
    const problems = problemsOf({ ...amqp, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });
});

describe('units', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['24h', 86_400_000],
    ['7d', 604_800_000],
    ['5', undefined],
    ['1.5h', undefined],
  ])('parses the duration %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    ['262144', 262_144],
    ['256KiB', 262_144],
    ['1MiB', 1_048_576],
    ['1KB', undefined],
  ])('parses the size %s', (text, bytes) => expect(parseByteSize(text)).toBe(bytes));
});
