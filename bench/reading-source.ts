import { seededRandom } from '../test/support/random.js';

/**
 * Badge readings for the benchmark, generated fast with an exact ground truth: each badge's
 * hp10 register grows by a random whole number of nSv per reading (baseline 0, no resets),
 * so its true total is its last register. A fraction of messages is sent twice, and a
 * fraction is held back and sent after its successor (out of order).
 */
/**
 * Where a run's readings start: an hour ago, one second apart per badge, so they are recent
 * like a live badge's (a badge heard from months ago counts as silent and every run would
 * raise and clear thousands of badgeSilent alerts) and stay in the past (a badge sends fewer
 * than 3 600 readings in any run here; later ones would be refused as future).
 */
export function recentStart(): number {
  return Date.now() - 3_600_000;
}

export interface BenchReading {
  serial: string;
  seq: number;
  payload: string;
}

export class ReadingSource {
  private readonly registers: number[];
  private readonly seqs: number[];
  private next = 0;
  private held?: BenchReading;
  private lastSent?: BenchReading;
  private readonly random: () => number;

  constructor(
    readonly serials: string[],
    private readonly options: {
      duplicates: number;
      outOfOrder: number;
      seed: number;
      startAt: number;
    },
  ) {
    this.registers = serials.map(() => 0);
    this.seqs = serials.map(() => 0);
    this.random = seededRandom(options.seed);
  }

  /** The next message to publish: a new reading, a repeat, or one held back earlier. */
  take(): BenchReading {
    if (this.lastSent && this.random() < this.options.duplicates) return this.lastSent;
    if (this.held && this.random() < 0.5) {
      const late = this.held;
      this.held = undefined;
      return (this.lastSent = late);
    }
    const reading = this.fresh();
    if (!this.held && this.random() < this.options.outOfOrder) {
      this.held = reading;
      return this.take();
    }
    return (this.lastSent = reading);
  }

  /** Readings still held back (send them before measuring the truth). */
  drain(): BenchReading[] {
    const rest = this.held ? [this.held] : [];
    this.held = undefined;
    return rest;
  }

  /** Per serial, the true hp10 total in nSv: its last register. */
  truthNsv(): Map<string, bigint> {
    return new Map(this.serials.map((serial, i) => [serial, BigInt(this.registers[i])]));
  }

  get readingsGenerated(): number {
    return this.seqs.reduce((sum, seq) => sum + seq, 0);
  }

  private fresh(): BenchReading {
    const i = this.next;
    this.next = (this.next + 1) % this.serials.length;
    this.seqs[i] += 1;
    this.registers[i] += 1 + Math.floor(this.random() * 5000);
    const seq = this.seqs[i];
    const hp10 = this.registers[i] / 1000;
    const measuredAt = new Date(this.options.startAt + seq * 1000).toISOString();
    const payload = `{"seq":${seq},"measuredAt":"${measuredAt}","hp10":${hp10},"hp007":${hp10},"doseRate":${(this.random() * 50).toFixed(3)},"battery":90}`;
    return { serial: this.serials[i], seq, payload };
  }
}
