import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const running = new Set<ServiceProcess>();
const MAIN = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url));

/** The built service (`dist/`) as a separate process, as an operator runs it. */
export class ServiceProcess {
  private output = '';
  private readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Starts with only the given settings (plus PATH and HOME): nothing leaks in from the test's environment. */
  static start(env: Record<string, string>): ServiceProcess {
    const child = spawn(process.execPath, ['--enable-source-maps', MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NO_COLOR: '1',
        // Services run side by side: only a test that asks for the DICOM listener gets one.
        DICOM_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child);
    running.add(service);
    void service.exited.then(() => running.delete(service));
    return service;
  }

  /** For afterAll: no service outlives its test file, whatever failed. */
  static async killAll(): Promise<void> {
    await Promise.all([...running].map((service) => service.stop('SIGKILL')));
  }

  get log(): string {
    return this.output;
  }

  /** Resolves with the match once the log shows it; rejects if the process exits or time runs out. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.child.exitCode !== null)
        throw new Error(
          `service exited (${this.child.exitCode}) before ${pattern}:\n${this.output}`,
        );
      if (Date.now() > deadline)
        throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The exit code, or a rejection when the process has not exited within the time given. */
  async exitCode(timeoutMs = 60_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`still running after ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exitCode();
  }
}

/** Process ids whose command line contains the text (Linux /proc). */
export async function processesMatching(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.split('\0').join(' ').includes(text)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Processes of the Postgres server kept under `dataDir` (Linux /proc): the server names its
 * folder on its command line; its sessions and workers do not, but run inside it (their
 * working directory), so a session outliving a killed server is found too.
 */
export async function postgresProcessesIn(dataDir: string): Promise<number[]> {
  const named = await processesMatching(dataDir);
  const inside: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || named.includes(Number(entry))) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => '');
    if (cwd === dataDir || cwd.startsWith(`${dataDir}/`)) inside.push(Number(entry));
  }
  return [...named, ...inside];
}
