/**
 * A certificate authority and a server certificate for 127.0.0.1 and localhost, made with the
 * `openssl` command at test time (nothing secret is committed), valid for two days. EC P-256
 * keys: quick to make, and what a production broker would use too.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const openssl = (args: string[], cwd: string) => promisify(execFile)('openssl', args, { cwd });
const NEW_EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
const DAYS = ['-days', '2'];

export interface CertificateAuthority {
  /** PEM certificate: what clients trust. */
  certFile: string;
  keyFile: string;
}

export interface ServerCertificate {
  ca: CertificateAuthority;
  certFile: string;
  keyFile: string;
}

/** A self-signed CA in `dir` (created), named `name`. */
export async function makeCertificateAuthority(
  dir: string,
  name: string,
): Promise<CertificateAuthority> {
  await mkdir(dir, { recursive: true });
  const ca = { certFile: join(dir, 'ca.crt'), keyFile: join(dir, 'ca.key') };
  await openssl(
    [
      ...['req', '-x509', ...NEW_EC_KEY, ...DAYS, '-subj', `/CN=${name}`],
      ...['-keyout', ca.keyFile, '-out', ca.certFile],
      ...['-addext', 'basicConstraints=critical,CA:TRUE'],
      ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ],
    dir,
  );
  return ca;
}

/** A CA and a server certificate it signed for 127.0.0.1 and localhost, in `dir`. */
export async function makeServerCertificate(dir: string): Promise<ServerCertificate> {
  const ca = await makeCertificateAuthority(dir, 'Dose test CA');
  const server = { ca, certFile: join(dir, 'server.crt'), keyFile: join(dir, 'server.key') };
  const request = join(dir, 'server.csr');
  const extensions = join(dir, 'server.ext');
  await writeFile(
    extensions,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\n' +
      'extendedKeyUsage=serverAuth\n' +
      'basicConstraints=critical,CA:FALSE\n',
  );
  await openssl(
    [
      'req',
      '-new',
      ...NEW_EC_KEY,
      '-subj',
      '/CN=localhost',
      '-keyout',
      server.keyFile,
      '-out',
      request,
    ],
    dir,
  );
  await openssl(
    [
      ...['x509', '-req', '-in', request, '-CA', ca.certFile, '-CAkey', ca.keyFile, ...DAYS],
      ...['-set_serial', `0x${randomBytes(8).toString('hex')}`],
      ...['-extfile', extensions, '-out', server.certFile],
    ],
    dir,
  );
  return server;
}
