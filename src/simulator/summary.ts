import { REGISTERS, type RegistersNsv } from './badge-model.js';
import type { Simulation } from './simulation.js';

export interface RunStats {
  reason: string;
  seed: string;
  elapsedMs: number;
  /** Messages handed to the broker connection, duplicates included. */
  published: number;
  acknowledged: number;
  failed: number;
}

/** Non-negative nSv as µSv with exactly three decimals (the nSv), no float on the way. */
export function formatMicrosieverts(nsv: bigint): string {
  return `${nsv / 1000n}.${String(nsv % 1000n).padStart(3, '0')}`;
}

function formatRegisters(values: RegistersNsv): string {
  return REGISTERS.map((name) => formatMicrosieverts(values[name])).join(' / ');
}

/** The end-of-run report: what went out, and each badge's registers and true dose. */
export function formatSummary(simulation: Simulation, stats: RunStats): string {
  const streams = simulation.streams;
  const duplicates = streams.reduce((sum, s) => sum + s.plan.duplicatesSent, 0);
  const heldBack = streams.reduce((sum, s) => sum + s.plan.heldBack, 0);
  const total: RegistersNsv = { hp10: 0n, hp007: 0n, hp3: 0n };
  const width = Math.max(6, ...streams.map((s) => s.badge.serial.length));
  const rows = streams.map(({ badge }) => {
    const truth = badge.trueTotalsNsv();
    for (const name of REGISTERS) total[name] += truth[name];
    return [
      badge.serial.padEnd(width),
      String(badge.count).padStart(8),
      formatRegisters(badge.registersNsv()).padEnd(34),
      formatRegisters(truth),
    ].join('  ');
  });
  return [
    `Simulation stopped (${stats.reason}) after ${(stats.elapsedMs / 1000).toFixed(1)} s; seed ${stats.seed}`,
    `messages published: ${stats.published} (acknowledged ${stats.acknowledged}, failed ${stats.failed})`,
    `readings: ${simulation.readings}, duplicates sent: ${duplicates}, held back: ${heldBack}`,
    '',
    [
      'serial'.padEnd(width),
      'readings',
      'final registers µSv hp10/hp007/hp3'.padEnd(34),
      'true dose µSv hp10/hp007/hp3',
    ].join('  '),
    ...rows,
    `${'total'.padEnd(width)}  ${''.padStart(8)}  ${''.padEnd(34)}  ${formatRegisters(total)}`,
  ].join('\n');
}
