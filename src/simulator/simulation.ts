import { type Reading, SimulatedBadge } from './badge-model.js';
import { type Delivery, DeliveryPlan } from './delivery-plan.js';
import type { SimulatorOptions } from './options.js';
import { Random } from './random.js';

/** One MQTT message to publish. */
export interface Outgoing {
  serial: string;
  topic: string;
  payload: string;
  readings: number;
  duplicate: boolean;
}

interface SimulatedStream {
  badge: SimulatedBadge;
  plan: DeliveryPlan<Reading>;
  topic: string;
  /** Offset of this badge's first reading, ms: badges are spread over one interval. */
  phaseMs: number;
}

/** A burst after a stall (slow broker, paused process) is cut to this many readings per badge. */
const MAX_CATCH_UP_READINGS = 1000;

export type SimulationSettings = Pick<
  SimulatorOptions,
  | 'prefix'
  | 'badges'
  | 'serialPrefix'
  | 'rate'
  | 'count'
  | 'batch'
  | 'duplicates'
  | 'outOfOrder'
  | 'doseRate'
  | 'resetEvery'
  | 'startSeq'
> & { seed: string };

/**
 * All badges and their delivery plans on one schedule: badge i takes its k-th reading at
 * start + phase(i) + k / rate. No MQTT and no timers here: the caller says what time it is.
 */
export class Simulation {
  readonly streams: SimulatedStream[];
  private readonly intervalMs: number;

  constructor(
    private readonly settings: SimulationSettings,
    private readonly startMs: number,
  ) {
    this.intervalMs = 1000 / settings.rate;
    const digits = Math.max(4, String(settings.badges).length);
    this.streams = Array.from({ length: settings.badges }, (_, i) => {
      const serial = `${settings.serialPrefix}${String(i + 1).padStart(digits, '0')}`;
      return {
        badge: new SimulatedBadge({
          serial,
          seed: settings.seed,
          meanDoseRate: settings.doseRate,
          intervalSeconds: 1 / settings.rate,
          startSeq: settings.startSeq,
          resetEvery: settings.resetEvery,
        }),
        plan: new DeliveryPlan<Reading>({
          batch: settings.batch,
          duplicates: settings.duplicates,
          outOfOrder: settings.outOfOrder,
          random: new Random(`${settings.seed}:${serial}:delivery`),
        }),
        topic: `${settings.prefix}/badges/${serial}/readings`,
        phaseMs: (i / settings.badges) * this.intervalMs,
      };
    });
  }

  /** Readings taken so far, all badges. */
  get readings(): number {
    return this.streams.reduce((sum, s) => sum + s.badge.count, 0);
  }

  /** Every badge has taken --count readings. */
  get done(): boolean {
    const { count } = this.settings;
    return count !== undefined && this.streams.every((s) => s.badge.count >= count);
  }

  /** Takes the readings due by `nowMs` and returns the messages ready to publish. */
  due(nowMs: number): Outgoing[] {
    const out: Outgoing[] = [];
    for (const stream of this.streams) {
      const elapsed = nowMs - this.startMs - stream.phaseMs;
      if (elapsed < 0) continue;
      let target = Math.floor(elapsed / this.intervalMs) + 1;
      if (this.settings.count !== undefined) target = Math.min(target, this.settings.count);
      target = Math.min(target, stream.badge.count + MAX_CATCH_UP_READINGS);
      while (stream.badge.count < target) {
        this.toMessages(stream, stream.plan.push(stream.badge.next()), out);
      }
    }
    return out;
  }

  /** End of the run: readings still held back and partial batches. */
  finish(): Outgoing[] {
    const out: Outgoing[] = [];
    for (const stream of this.streams) this.toMessages(stream, stream.plan.flush(), out);
    return out;
  }

  private toMessages(stream: SimulatedStream, deliveries: Delivery<Reading>[], out: Outgoing[]) {
    for (const { items, duplicate } of deliveries) {
      out.push({
        serial: stream.badge.serial,
        topic: stream.topic,
        // --batch 1 sends single objects; a batch is always an array, even a short last one.
        payload: JSON.stringify(this.settings.batch === 1 ? items[0] : items),
        readings: items.length,
        duplicate,
      });
    }
  }
}
