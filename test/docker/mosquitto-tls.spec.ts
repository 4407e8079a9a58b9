/**
 * Issue 30 item 3: the production broker config had one plain listener on every interface,
 * published by docker-compose.yml, so device passwords and patient ids crossed the network in
 * clear. Now devices and the service use the shipped TLS listener (DESIGN.md §7), and the
 * plain one listens on the container's loopback only, for the health check.
 *
 * Mosquitto runs the shipped file (test/support/mosquitto.ts rewrites only ports, bind
 * addresses and file paths), with a CA and a server certificate that openssl makes now. A
 * badge publishes over TLS with its password and the service, connected over mqtts:// with
 * MQTT_CA_FILE, stores the reading; plain MQTT on the TLS port and clients that do not trust
 * the CA get no connection.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt, { type IClientOptions } from 'mqtt';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';
import { iso, startRsoSession, type RsoSession } from '../support/rso-session.js';
import { makeCertificateAuthority } from '../support/test-certificates.js';
import { createWorker, publishReadings, wearBadge } from '../support/wearing.js';

const SERIAL = `TLS-${randomUUID().slice(0, 8)}`;
const USERS = { 'dose-service': 'service-tls-password', [SERIAL]: 'badge-tls-password' };
const MINUTE = 60_000;
/** Node's codes for a chain that ends in no trusted CA (Mosquitto sends the CA along or not). */
const NOT_TRUSTED = /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/;
const TIMEOUT_MS = 120_000;
const read = (file: string) => readFile(new URL(`../../docker/${file}`, import.meta.url), 'utf8');

/** Settles with `connected`, or with why the broker was not reached. */
function outcome(url: string, options: IClientOptions): Promise<string> {
  const client = mqtt.connect(url, {
    clientId: `tls-test-${randomUUID().slice(0, 8)}`,
    protocolVersion: 5,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    username: SERIAL,
    password: USERS[SERIAL],
    ...options,
  });
  return new Promise<string>((resolve) => {
    client.once('connect', () => resolve('connected'));
    client.once('error', (error: Error & { code?: string | number }) =>
      resolve(`error ${error.code ?? ''} ${error.message}`),
    );
    client.once('close', () => resolve('closed'));
  }).finally(() => client.end(true));
}

describe('docker/mosquitto: TLS for devices and the service', () => {
  let broker: RunningMosquitto;
  let session: RsoSession;
  let otherCaDir: string;

  beforeAll(async () => {
    broker = await startMosquitto({ users: USERS });
    otherCaDir = await mkdtemp(path.join(tmpdir(), 'dose-other-ca-'));
    const serviceUrl = new URL(broker.tlsUrl);
    serviceUrl.username = 'dose-service';
    serviceUrl.password = USERS['dose-service'];
    session = await startRsoSession(
      {
        MQTT_URL: serviceUrl.toString(),
        MQTT_CA_FILE: broker.certificate.ca.certFile,
        // The shipped ACL's topics.
        MQTT_TOPIC_PREFIX: 'dose/v1',
      },
      { mqttUrl: serviceUrl.toString(), mqttProtocolVersion: 5, sharedSubscription: false },
    );
  }, TIMEOUT_MS);

  afterAll(async () => {
    await session?.service.close();
    await broker?.dispose();
    await rm(otherCaDir, { recursive: true, force: true });
  }, TIMEOUT_MS);

  it('ships a TLS listener for everyone and a plain one on loopback, and publishes only TLS', async () => {
    const config = await read('mosquitto/mosquitto.conf');
    const directives = config.split('\n').filter((line) => /^(listener|tls_version) /.test(line));
    expect(directives).toEqual(['listener 8883', 'tls_version tlsv1.2', 'listener 1883 127.0.0.1']);
    // The copy with ports and paths substituted opened both.
    expect(broker.log()).toContain(`Opening ipv4 listen socket on port ${broker.tlsPort}.`);
    expect(broker.log()).toContain(`Opening ipv4 listen socket on port ${broker.port}.`);

    const compose = await read('docker-compose.yml');
    const mosquittoService = /\n {2}mosquitto:\n([\s\S]*?)\n {2}\S/.exec(compose)?.[1] ?? '';
    const published = [...mosquittoService.matchAll(/^\s+- '(\d+:\d+)'/gm)].map((m) => m[1]);
    expect(published).toEqual(['8883:8883']);
  });

  it(
    'carries a badge reading over TLS, with its password, to the service on mqtts://',
    async () => {
      const { rso, service } = session;
      const personId = await createWorker(rso, { name: 'Encrypted Worker' });
      const start = Date.now() - 30 * MINUTE;
      await wearBadge(rso, personId, 'trunk', iso(start - MINUTE), SERIAL);
      const device = await mqtt.connectAsync(broker.tlsUrl, {
        clientId: SERIAL,
        protocolVersion: 5,
        reconnectPeriod: 0,
        username: SERIAL,
        password: USERS[SERIAL],
        ca: await readFile(broker.certificate.ca.certFile),
      });
      try {
        await publishReadings(service, device, SERIAL, [
          { seq: 1, measuredAt: iso(start), hp10: 0 },
          { seq: 2, measuredAt: iso(start + MINUTE), hp10: 500 },
        ]);
      } finally {
        await device.endAsync();
      }
      const exposure = await rso.get(`/api/v1/people/${personId}/exposure`);
      // Hp(10) register 0 then 500 µSv: 0.5 mSv effective.
      expect(exposure.body.quantities.effective.year).toBe(0.5);
    },
    TIMEOUT_MS,
  );

  it('gives plain MQTT on the TLS port no connection', async () => {
    const plain = `mqtt://127.0.0.1:${broker.tlsPort}`;
    const result = await outcome(plain, {});
    expect(result).not.toBe('connected');
    // The broker took the TCP connection and found no TLS handshake on it.
    expect(result).not.toMatch(/ECONNREFUSED/);
  });

  it('gives no connection to a client that does not trust the CA, or expects another name', async () => {
    const ca = await readFile(broker.certificate.ca.certFile);
    // The control: with the CA, the same client connects.
    expect(await outcome(broker.tlsUrl, { ca })).toBe('connected');

    const other = await makeCertificateAuthority(otherCaDir, 'Some other CA');
    const untrusted = await outcome(broker.tlsUrl, { ca: await readFile(other.certFile) });
    expect(untrusted).toMatch(NOT_TRUSTED);
    // No CA given: the system's, which do not include the test CA.
    expect(await outcome(broker.tlsUrl, {})).toMatch(NOT_TRUSTED);
    // The CA trusted, but the certificate is not for the name asked for.
    expect(await outcome(broker.tlsUrl, { ca, servername: 'broker.example' })).toMatch(
      /ERR_TLS_CERT_ALTNAME_INVALID/,
    );
  });
});
