import { nanosievertsToMicrosieverts } from '../common/dose-units.js';
import { Random } from './random.js';

/** One badge reading as published (DESIGN.md §3.1); doses in µSv, exact to the nSv. */
export interface Reading {
  seq: number;
  measuredAt: string;
  hp10: number;
  hp007: number;
  hp3: number;
  doseRate: number;
  battery: number;
}

export const REGISTERS = ['hp10', 'hp007', 'hp3'] as const;
export type RegisterName = (typeof REGISTERS)[number];
export type RegistersNsv = Record<RegisterName, bigint>;

export interface BadgeModelOptions {
  serial: string;
  /** Same seed and serial, same stream. */
  seed: string;
  /** Mean ambient dose rate, µSv/h. */
  meanDoseRate: number;
  /** Nominal time between readings: each reading carries the dose of one interval. */
  intervalSeconds: number;
  /** seq of the first reading (default 1). */
  startSeq?: number;
  /** Reset the registers every N readings (N ≥ 2); unset: never. */
  resetEvery?: number;
  /** Simulated clock: reading n is measured at startAt + n × interval. Unset: wall clock. */
  startAt?: Date;
  /** Probability per reading that a fluoroscopy-like spike starts (default 0.005). */
  spikeChance?: number;
}

/** Ambient reading-to-reading spread (lognormal σ) and the spread within a spike. */
const AMBIENT_SIGMA = 0.5;
const SPIKE_SIGMA = 0.2;
/**
 * Scatter near a fluoroscopy table reaches the order of 0.1–2 mSv/h at the operator's
 * position; a spike holds such a rate for a few readings.
 */
const SPIKE_RATE_USV_PER_H: [number, number] = [100, 2000];
const SPIKE_READINGS: [number, number] = [2, 6];
/** Hp(0.07)/Hp(10) of scattered, lower-energy photons; Hp(3) lies between the two. */
const SHALLOW_RATIO: [number, number] = [1.1, 1.3];
const LENS_POSITION: [number, number] = [0.3, 0.7];
const BATTERY_DRAIN_PER_READING = 0.005;
const NSV_PER_USV = 1000;

/**
 * A dosimeter badge: accumulated registers like a utility meter (DESIGN.md §3.1), kept as
 * integer nSv. Sub-nSv dose is carried to the next reading, so registers are exact and the
 * true dose is the sum of whole-nSv increments. A reset reading's registers are its own
 * increments, kept strictly below the previous non-zero registers so that the reset is
 * visible (a register going down): the §3.1 rule then yields exactly the true dose.
 */
export class SimulatedBadge {
  readonly serial: string;
  private readonly random: Random;
  private readonly registers: RegistersNsv = { hp10: 0n, hp007: 0n, hp3: 0n };
  private readonly totals: RegistersNsv = { hp10: 0n, hp007: 0n, hp3: 0n };
  private readonly carry: Record<RegisterName, number> = { hp10: 0, hp007: 0, hp3: 0 };
  private generated = 0;
  private battery: number;
  private spikeRate = 0;
  private spikeLeft = 0;

  constructor(private readonly options: BadgeModelOptions) {
    if (!(options.intervalSeconds > 0)) throw new RangeError('intervalSeconds must be > 0');
    if (!(options.meanDoseRate >= 0)) throw new RangeError('meanDoseRate must be ≥ 0');
    if (options.resetEvery !== undefined && !(options.resetEvery >= 2)) {
      throw new RangeError('resetEvery must be ≥ 2');
    }
    this.serial = options.serial;
    this.random = new Random(`${options.seed}:${options.serial}`);
    this.battery = this.random.int(80, 100);
  }

  /** Readings generated so far. */
  get count(): number {
    return this.generated;
  }

  next(): Reading {
    const rate = this.nextDoseRate();
    const hp10 = (rate * NSV_PER_USV * this.options.intervalSeconds) / 3600;
    const hp007 = hp10 * this.random.uniform(...SHALLOW_RATIO);
    const hp3 = hp10 + (hp007 - hp10) * this.random.uniform(...LENS_POSITION);
    const reset =
      this.options.resetEvery !== undefined &&
      this.generated > 0 &&
      this.generated % this.options.resetEvery === 0;
    this.accumulate({ hp10, hp007, hp3 }, reset);

    const seq = (this.options.startSeq ?? 1) + this.generated;
    const measuredAt = this.options.startAt
      ? new Date(
          this.options.startAt.getTime() + this.generated * this.options.intervalSeconds * 1000,
        )
      : new Date();
    this.generated++;
    this.battery = Math.max(1, this.battery - BATTERY_DRAIN_PER_READING);
    return {
      seq,
      measuredAt: measuredAt.toISOString(),
      hp10: nanosievertsToMicrosieverts(this.registers.hp10),
      hp007: nanosievertsToMicrosieverts(this.registers.hp007),
      hp3: nanosievertsToMicrosieverts(this.registers.hp3),
      doseRate: Math.round(rate * 1000) / 1000,
      battery: Math.round(this.battery),
    };
  }

  /** Current registers, nSv. */
  registersNsv(): RegistersNsv {
    return { ...this.registers };
  }

  /** True dose so far, nSv: what §3.1 derives from all readings in seq order. */
  trueTotalsNsv(): RegistersNsv {
    return { ...this.totals };
  }

  /** Instant dose rate for this reading, µSv/h: ambient, or inside a spike. */
  private nextDoseRate(): number {
    if (this.spikeLeft === 0 && this.random.chance(this.options.spikeChance ?? 0.005)) {
      this.spikeRate = this.random.uniform(...SPIKE_RATE_USV_PER_H);
      this.spikeLeft = this.random.int(...SPIKE_READINGS);
    }
    if (this.spikeLeft > 0) {
      this.spikeLeft--;
      return this.spikeRate * this.random.lognormalFactor(SPIKE_SIGMA);
    }
    return this.options.meanDoseRate * this.random.lognormalFactor(AMBIENT_SIGMA);
  }

  private accumulate(doseNsv: Record<RegisterName, number>, reset: boolean): void {
    for (const name of REGISTERS) {
      const exact = this.carry[name] + doseNsv[name];
      const whole = Math.floor(exact);
      this.carry[name] = exact - whole;
      let increment = BigInt(whole);
      const previous = this.registers[name];
      if (reset && previous > 0n && increment >= previous) increment = previous - 1n;
      this.registers[name] = reset ? increment : previous + increment;
      this.totals[name] += increment;
    }
  }
}
