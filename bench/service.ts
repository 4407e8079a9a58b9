import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/common/free-port.js';

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));

/** The built service as a separate process, on the benchmark's database and broker. */
export class BenchService {
  private log = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout?.on(
      'data',
      (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-32_768)),
    );
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-32_768)),
    );
  }

  static async start(env: Record<string, string>): Promise<BenchService> {
    const port = await freePort();
    const nodeArgs = [
      ...(await productionNodeFlags()),
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ];
    const child = spawn(process.execPath, [...nodeArgs, MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NO_COLOR: '1',
        PORT: String(port),
        // No DICOM listener: the bench sends no dose report, and two replicas on one machine
        // would both ask for the default port.
        DICOM_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new BenchService(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 120_000;
    while (!service.log.includes('Ready: ')) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`service did not start:\n${service.log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return service;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Peak resident memory so far (VmHWM), in MB. */
  async peakRssMb(): Promise<number> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  }

  /** A counter or histogram value from /metrics. */
  async metric(name: string, labels = ''): Promise<number> {
    const text = await (await fetch(`${this.baseUrl}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}${labels}{`));
    return Number(line?.split(' ').at(-1) ?? 0);
  }

  /** Waits until no alert evaluation has run for a second (the queue behind ingestion is empty). */
  async alertsSettled(): Promise<void> {
    let last = -1;
    for (;;) {
      const count = await this.metric('dose_alert_evaluation_seconds_count');
      if (count === last) return;
      last = count;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  get output(): string {
    return this.log;
  }
}

/** The node flags production starts the service with (package.json's start:prod): measured as run. */
async function productionNodeFlags(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(PACKAGE_JSON, 'utf8')) as {
    scripts: Record<string, string>;
  };
  return serviceNodeFlags(scripts['start:prod']);
}

/** The flags of the `node [--flags] dist/src/main.js` in a start command (npm script, image CMD). */
export function serviceNodeFlags(command: string): string[] {
  const flags = /\bnode ((?:--\S+ )*)dist\/src\/main\.js\b/.exec(command)?.[1];
  if (flags === undefined) throw new Error(`no "node [--flags] dist/src/main.js" in: ${command}`);
  return flags.split(' ').filter(Boolean);
}
