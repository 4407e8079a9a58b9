import { readdir, readFile } from 'node:fs/promises';

/** Linux USER_HZ: /proc reports CPU time in these ticks (sysconf(_SC_CLK_TCK), 100 on Linux). */
const TICKS_PER_SECOND = 100;

export type Role = 'service' | 'broker' | 'postgres' | 'bench';

/** CPU seconds used so far, per role, from /proc (Linux): where the machine's cores go. */
export type CpuSnapshot = Record<Role, number>;

export interface CpuRoles {
  /** Every replica's process. */
  servicePids: number[];
  /** The broker's process name: `mosquitto`, or `beam.smp` (RabbitMQ). */
  brokerCommand?: string;
  /** A text in the benchmark broker's command line (its config folder, the node name). */
  brokerMarker: string;
}

/** Undefined where there is no /proc (the figures are then left out, never made up). */
export async function cpuSnapshot(roles: CpuRoles): Promise<CpuSnapshot | undefined> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const snapshot: CpuSnapshot = { service: 0, broker: 0, postgres: 0, bench: 0 };
  await Promise.all(
    pids.map(async (pid) => {
      const info = await readProcess(pid);
      const role = info && roleOf(Number(pid), info, roles);
      if (role) snapshot[role] += info.cpuSeconds;
    }),
  );
  return snapshot;
}

/** Per role: cores used on average, and CPU µs per committed reading, between two snapshots. */
export function cpuBudget(
  before: CpuSnapshot,
  after: CpuSnapshot,
  seconds: number,
  readings: number,
): Record<Role, { cores: number; microsecondsPerReading: number }> {
  const budget = {} as Record<Role, { cores: number; microsecondsPerReading: number }>;
  for (const role of Object.keys(before) as Role[]) {
    const used = after[role] - before[role];
    budget[role] = { cores: used / seconds, microsecondsPerReading: (1e6 * used) / readings };
  }
  return budget;
}

async function readProcess(
  pid: string,
): Promise<{ command: string; commandLine: string; cpuSeconds: number } | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) in parentheses; utime and stime are
    // fields 14 and 15 of proc(5), the 12th and 13th after it.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
    return {
      command: stat.slice(stat.indexOf('(') + 1, close),
      commandLine,
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

function roleOf(
  pid: number,
  info: { command: string; commandLine: string },
  roles: CpuRoles,
): Role | undefined {
  if (roles.servicePids.includes(pid)) return 'service';
  if (pid === process.pid) return 'bench';
  if (
    info.command === (roles.brokerCommand ?? 'mosquitto') &&
    info.commandLine.includes(roles.brokerMarker)
  )
    return 'broker';
  // The machine's Postgres serves only the benchmark while it runs (or the embedded one does).
  if (info.command === 'postgres') return 'postgres';
  return undefined;
}
