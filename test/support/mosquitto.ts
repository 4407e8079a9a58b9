/**
 * A real Mosquitto broker for tests, started from the shipped production config
 * (docker/mosquitto/mosquitto.conf and acl) with only what a local run must change:
 * the listeners (free ports on 127.0.0.1: `url` the plain one, `tlsUrl` the TLS one), the
 * password, ACL, persistence and certificate paths (a temp folder; the certificates are made
 * at start, test-certificates.ts), and, when the test runs as root, `user root` (Mosquitto
 * otherwise drops to the `mosquitto` user, which cannot read the private temp folder).
 *
 * restart() keeps the port and the persistence folder, so fault tests can restart the
 * broker mid-stream. Call dispose() in afterAll: no broker outlives its test file.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeServerCertificate, type ServerCertificate } from './test-certificates.js';

const execFileAsync = promisify(execFile);

/** docker/mosquitto of this repository, found from this file in test/support or in dist/. */
const CONFIG_DIR = findConfigDir();

function findConfigDir(): string {
  for (const up of ['../../docker/mosquitto/', '../../../docker/mosquitto/']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'mosquitto.conf'))) return dir;
  }
  throw new Error('docker/mosquitto/mosquitto.conf not found');
}
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_LIMIT = 64 * 1024;

export interface MosquittoOptions {
  /** Broker username → password, written with mosquitto_passwd. */
  users: Record<string, string>;
  /** Let clients without a username connect (the shipped config refuses them; its ACL grants them nothing). */
  anonymous?: boolean;
  /** ACL lines appended to the shipped ACL (e.g. a benchmark gateway that writes every badge's readings). */
  extraAcl?: string;
}

export interface RunningMosquitto {
  /** mqtt://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** mqtts://127.0.0.1:<tlsPort>, the shipped TLS listener, with a certificate for 127.0.0.1. */
  readonly tlsUrl: string;
  readonly tlsPort: number;
  /** The TLS listener's certificate and the CA that signed it (caFile for clients). */
  readonly certificate: ServerCertificate;
  /** Temp folder: mosquitto.conf, passwd, acl, data/ (persistence). */
  readonly dir: string;
  /** SIGTERM and wait for exit: Mosquitto saves its persistence database on the way out. */
  stop(): Promise<void>;
  /** stop() if running, then start again on the same port with the same persistence. */
  restart(): Promise<void>;
  /** SIGKILL and wait for exit: a crash, only what autosave wrote survives. */
  kill(): Promise<void>;
  /** stop() and remove the temp folder. */
  dispose(): Promise<void>;
  /** The broker's log so far (last 64 KiB), for failure messages. */
  log(): string;
}

/** Every broker started here, killed if the test process exits without stopping it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startMosquitto(options: MosquittoOptions): Promise<RunningMosquitto> {
  const mosquittoBin = findExecutable('mosquitto');
  const passwdBin = findExecutable('mosquitto_passwd');
  const dir = await mkdtemp(join(tmpdir(), 'dose-mosquitto-'));
  await mkdir(join(dir, 'data'));
  await copyFile(join(CONFIG_DIR, 'acl'), join(dir, 'acl'));
  if (options.extraAcl) await appendFile(join(dir, 'acl'), `\n${options.extraAcl}\n`);
  await writePasswordFile(passwdBin, join(dir, 'passwd'), options.users);
  const certificate = await makeServerCertificate(join(dir, 'certs'));
  const template = await readFile(join(CONFIG_DIR, 'mosquitto.conf'), 'utf8');
  const confPath = join(dir, 'mosquitto.conf');

  let port = 0;
  let tlsPort = 0;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const launch = async (): Promise<void> => {
    const proc = spawn(mosquittoBin, ['-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const onOutput = (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-LOG_LIMIT);
    };
    proc.stdout?.on('data', onOutput);
    proc.stderr?.on('data', onOutput);
    running.add(proc);
    child = proc;
    exited = new Promise<void>((resolve) => {
      proc.once('exit', () => {
        running.delete(proc);
        if (child === proc) child = undefined;
        resolve();
      });
    });
    await waitUntilAccepting(port, exited, () => log);
    await waitUntilAccepting(tlsPort, exited, () => log);
  };

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc) return;
    proc.kill(signal);
    if (!(await settlesWithin(exited, STOP_TIMEOUT_MS))) {
      proc.kill('SIGKILL');
      await exited;
      throw new Error(`mosquitto did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}`);
    }
  };

  // A free port can be taken between probing and binding: try a few.
  for (let attempt = 1; ; attempt++) {
    port = await findFreePort();
    tlsPort = await findFreePort();
    const local = { dir, port, tlsPort, certificate, anonymous: options.anonymous };
    await writeFile(confPath, localConfig(template, local));
    try {
      await launch();
      break;
    } catch (error) {
      await terminate('SIGKILL').catch(() => undefined);
      if (attempt >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  const broker: RunningMosquitto = {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    tlsUrl: `mqtts://127.0.0.1:${tlsPort}`,
    tlsPort,
    certificate,
    dir,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    restart: async () => {
      await terminate('SIGTERM');
      await launch();
    },
    dispose: async () => {
      try {
        await terminate('SIGTERM');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    log: () => log,
  };
  return broker;
}

interface LocalRun {
  dir: string;
  port: number;
  tlsPort: number;
  certificate: ServerCertificate;
  anonymous?: boolean;
}

/**
 * The shipped config with only the local-run changes. Throws if a directive to rewrite is
 * missing, so this fixture and the shipped file cannot drift apart silently.
 */
function localConfig(
  template: string,
  { dir, port, tlsPort, certificate, anonymous }: LocalRun,
): string {
  const rewrites: Record<string, string> = {
    'listener 1883': `listener ${port} 127.0.0.1`,
    'listener 8883': `listener ${tlsPort} 127.0.0.1`,
    certfile: `certfile ${certificate.certFile}`,
    keyfile: `keyfile ${certificate.keyFile}`,
    cafile: `cafile ${certificate.ca.certFile}`,
    password_file: `password_file ${join(dir, 'passwd')}`,
    acl_file: `acl_file ${join(dir, 'acl')}`,
    persistence_location: `persistence_location ${join(dir, 'data')}/`,
  };
  if (anonymous !== undefined) rewrites.allow_anonymous = `allow_anonymous ${anonymous}`;
  const seen = new Set<string>();
  const lines = template.split('\n').map((line) => {
    // Listeners by their shipped port: `listener 8883`, `listener 1883`.
    const [, name, value] = /^\s*([a-z_]+)\s+(\S+)/.exec(line) ?? [];
    const key = name === 'listener' ? `${name} ${value}` : name;
    if (key === undefined || !(key in rewrites)) return line;
    if (seen.has(key)) throw new Error(`mosquitto.conf sets ${key} more than once`);
    seen.add(key);
    return rewrites[key];
  });
  const missing = Object.keys(rewrites).filter((key) => !seen.has(key));
  if (missing.length > 0) throw new Error(`mosquitto.conf lacks ${missing.join(', ')}`);
  if (process.getuid?.() === 0) lines.push('user root');
  return lines.join('\n');
}

async function writePasswordFile(
  passwdBin: string,
  file: string,
  users: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(users);
  if (entries.length === 0) {
    await writeFile(file, '');
    return;
  }
  for (const [index, [username, password]] of entries.entries()) {
    const create = index === 0 ? ['-c'] : [];
    await execFileAsync(passwdBin, [...create, '-b', file, username, password]);
  }
}

function findExecutable(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} not found on PATH or in /usr/sbin (apt-get install mosquitto)`);
}

/** Asks the kernel for a free port on 127.0.0.1, then releases it. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Resolves once a TCP connection to the port succeeds; rejects if the broker exits first. */
async function waitUntilAccepting(
  port: number,
  exited: Promise<void>,
  log: () => string,
): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`mosquitto exited during start-up:\n${log()}`);
    if (await canConnect(port)) return;
    await delay(50);
  }
  throw new Error(
    `mosquitto did not accept connections on ${port} within ${READY_TIMEOUT_MS} ms:\n${log()}`,
  );
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True if the promise settles within ms; the timer is cleared either way. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
