import { recordQuantityOf } from '../ledger/extremity-sides.js';
import { dayInZone } from '../calendar/facility-day.js';
import type { ExposuresCommittedEvent } from '../patients/exposures-committed.event.js';
import type { ReadingsCommittedEvent } from '../readings/readings-committed.event.js';
import { quarterOfDay } from '../calendar/periods.js';
import type { BadgeReading } from './rules/badge-reading.js';

/**
 * What committed batches leave for the alert rules, merged: the people whose dose went up
 * with the quarters it went up in, the readings that carry badge facts (dose rate, battery,
 * reset), and every badge heard from. Batches that arrive while an evaluation runs merge into
 * one, so evaluations never pile up behind ingestion.
 */
export class AlertWork {
  readonly people = new Map<string, Set<string>>();
  /** Per person of `people`, the dose each quantity went up by (nSv): what headroom absorbs. */
  readonly increases = new Map<string, Map<string, bigint>>();
  /** People whose dose or limits changed outside ingestion: always evaluated. */
  readonly forced = new Set<string>();
  /** Patients with a new exposure event, for the patient rules. */
  readonly patients = new Set<string>();
  readonly readings: BadgeReading[] = [];
  readonly seenSerials = new Set<string>();
  /** When the earliest message of the merged batches reached the service (epoch ms). */
  receivedAt = Number.POSITIVE_INFINITY;
  batches = 0;

  /** The people whose dose went up, for the dose rules; returns those of this event. */
  addDoses(event: ReadingsCommittedEvent, timeZone: string): Set<string> {
    this.batches += 1;
    this.receivedAt = Math.min(this.receivedAt, event.receivedAt);
    const added = new Set<string>();
    for (const { personId, quantity, at, nsv } of event.deltas) {
      // A decrease (a late reading split an increment) cannot reach a new level.
      if (nsv <= 0n) continue;
      const quarters = this.people.get(personId) ?? new Set<string>();
      quarters.add(quarterOfDay(dayInZone(at, timeZone)));
      this.people.set(personId, quarters);
      const increases = this.increases.get(personId) ?? new Map<string, bigint>();
      // One side's extremity dose raises the record (the larger side) by at most as much.
      const record = recordQuantityOf(quantity);
      increases.set(record, (increases.get(record) ?? 0n) + nsv);
      this.increases.set(personId, increases);
      added.add(personId);
    }
    return added;
  }

  /** The readings' badge facts (dose rate, battery, reset, heard from), for the badge rules. */
  addBadgeFacts(event: ReadingsCommittedEvent): void {
    this.batches += 1;
    this.receivedAt = Math.min(this.receivedAt, event.receivedAt);
    for (const reading of event.readings) {
      this.seenSerials.add(reading.serial);
      if (!reading.reset && reading.doseRateNsvH === null && reading.battery === null) continue;
      this.readings.push({
        serial: reading.serial,
        seq: reading.seq,
        measuredAt: reading.measuredAt,
        personId: reading.personId,
        doseRateNsvH: reading.doseRateNsvH,
        battery: reading.battery,
        reset: reading.reset,
      });
    }
  }

  /** Patients with new exposure events, for the patient rules. */
  addPatients(event: ExposuresCommittedEvent): void {
    this.batches += 1;
    this.receivedAt = Math.min(this.receivedAt, event.receivedAt);
    for (const personId of event.personIds) this.patients.add(personId);
  }

  /** People whose dose or limits changed outside ingestion: re-evaluated for the quarter of `day`. */
  addPeople(personIds: readonly string[], day: string): void {
    this.batches += 1;
    for (const personId of personIds) {
      this.forced.add(personId);
      const quarters = this.people.get(personId) ?? new Set<string>();
      quarters.add(quarterOfDay(day));
      this.people.set(personId, quarters);
    }
  }

  describe(): string {
    return `${this.batches} batch(es): ${this.people.size} people, ${this.patients.size} patients with events, ${this.seenSerials.size} badges`;
  }
}

/**
 * Runs one job at a time; work added meanwhile is merged into the next job rather than queued
 * job by job. add() never waits; a failed job goes to `onError` and the next one runs. With
 * `minIntervalMs`, back-to-back jobs start at least that far apart (work merges meanwhile),
 * unless `hurry` was called for the pending work; a job after a quiet spell starts at once.
 */
export class CoalescingQueue<W> {
  private pending?: W;
  private running?: Promise<void>;
  /** The pending work is not to wait for the interval. */
  private hurried = false;
  /** Ends the interval's wait in progress. */
  private wake?: () => void;

  constructor(
    private readonly create: () => W,
    private readonly run: (work: W) => Promise<void>,
    private readonly onError: (error: unknown, work: W) => void,
    private readonly minIntervalMs = 0,
  ) {}

  add(fill: (work: W) => void): void {
    this.pending ??= this.create();
    fill(this.pending);
    this.running ??= this.loop();
  }

  /** Starts the pending work as soon as the job in progress ends, without the interval. */
  hurry(): void {
    if (!this.pending) return;
    this.hurried = true;
    this.wake?.();
  }

  /** Resolves once nothing is pending or running. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async loop(): Promise<void> {
    try {
      while (this.pending) {
        const work = this.pending;
        this.pending = undefined;
        this.hurried = false;
        const started = performance.now();
        try {
          await this.run(work);
        } catch (error) {
          this.onError(error, work);
        }
        const wait = this.minIntervalMs - (performance.now() - started);
        if (this.pending && wait > 0 && !this.hurried) await this.pause(wait);
      }
    } finally {
      this.running = undefined;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
