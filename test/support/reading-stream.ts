/**
 * Streams of badge readings for delivery and fault tests: a seeded publish plan (several
 * badges interleaved, some readings out of order, some repeated) and a publisher that
 * records every reading in a DoseLedger once the broker has acknowledged it.
 */
import type { MqttClient } from 'mqtt';
import {
  readingPayload,
  registerSeries,
  type DoseLedger,
  type LedgerReading,
} from './dose-ledger.js';

export interface PlanOptions {
  readingsPerBadge: number;
  /** Chance that a reading swaps places with the one after it. */
  outOfOrder?: number;
  /** Chance that an earlier reading of the badge is sent again after a reading. */
  repeat?: number;
  /** Chance per reading of a badge reset (register starts again). */
  reset?: number;
  /** measuredAt of seq 0; seq n is n seconds later. */
  start?: Date;
}

/** Every message to send, in publish order. */
export function readingPlan(
  random: () => number,
  serials: readonly string[],
  options: PlanOptions,
): LedgerReading[] {
  const start = options.start ?? new Date(Date.UTC(2026, 5, 1));
  const perBadge = serials.map((serial) => {
    const readings = registerSeries(random, options.readingsPerBadge, options.reset ?? 0).map(
      (hp10Nsv, i): LedgerReading => ({
        serial,
        seq: i + 1,
        hp10Nsv,
        measuredAt: new Date(start.getTime() + (i + 1) * 1000),
      }),
    );
    for (let i = 0; i + 1 < readings.length; i++) {
      if (random() < (options.outOfOrder ?? 0)) {
        [readings[i], readings[i + 1]] = [readings[i + 1], readings[i]];
        i++;
      }
    }
    const messages: LedgerReading[] = [];
    for (const reading of readings) {
      messages.push(reading);
      if (random() < (options.repeat ?? 0))
        messages.push(messages[Math.floor(random() * messages.length)]);
    }
    return messages;
  });
  const plan: LedgerReading[] = [];
  const remaining = perBadge.filter((messages) => messages.length > 0);
  while (remaining.length > 0) {
    const pick = Math.floor(random() * remaining.length);
    plan.push(remaining[pick].shift()!);
    if (remaining[pick].length === 0) remaining.splice(pick, 1);
  }
  return plan;
}

export interface PublishOptions {
  topicPrefix: string;
  /** The device connection each badge publishes on. */
  clientFor(serial: string): MqttClient;
  /** Messages published at once (each awaits its PUBACK); default 1. */
  groupSize?: number;
  /** Pause between groups, ms; default 0. */
  pauseMs?: number;
  /** Checked before each group: true ends the stream early. */
  stop?: () => boolean;
}

/** Publishes the plan QoS 1 in order, recording each acknowledged message; returns how many. */
export async function publishPlan(
  plan: readonly LedgerReading[],
  ledger: DoseLedger,
  options: PublishOptions,
): Promise<number> {
  const groupSize = options.groupSize ?? 1;
  let published = 0;
  for (let i = 0; i < plan.length; i += groupSize) {
    if (options.stop?.()) break;
    await Promise.all(
      plan.slice(i, i + groupSize).map(async (reading) => {
        await options
          .clientFor(reading.serial)
          .publishAsync(
            `${options.topicPrefix}/badges/${reading.serial}/readings`,
            readingPayload(reading),
            { qos: 1 },
          );
        ledger.record(reading);
        published += 1;
      }),
    );
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
  return published;
}

/** Messages published after the last stop, so that every stop fell in the middle of the stream. */
export const TAIL_AFTER_STOPS = 200;

/**
 * A plan published while a test stops and restarts the service: it runs until `end()`, then
 * TAIL_AFTER_STOPS more messages. `end()` resolves with how many were published after it was
 * called; `abandon()` stops publishing after a failed check, waiting at most `waitMs` (none:
 * without bound) for the group in flight, whose PUBACKs a stopped service never sends.
 */
export function streamThroughStops(
  plan: readonly LedgerReading[],
  ledger: DoseLedger,
  options: Omit<PublishOptions, 'stop'>,
): { end(): Promise<number>; abandon(waitMs?: number): Promise<void> } {
  let over = false;
  let failed = false;
  let sentWhenOver = 0;
  const stream = publishPlan(plan, ledger, {
    ...options,
    stop: () => failed || (over && ledger.messagesSent >= sentWhenOver + TAIL_AFTER_STOPS),
  });
  return {
    async end() {
      sentWhenOver = ledger.messagesSent;
      over = true;
      await stream;
      return ledger.messagesSent - sentWhenOver;
    },
    async abandon(waitMs) {
      failed = true;
      const settled = stream.catch(() => undefined);
      await (waitMs === undefined
        ? settled
        : Promise.race([settled, new Promise((resolve) => setTimeout(resolve, waitMs))]));
    },
  };
}
