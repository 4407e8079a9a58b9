import { ReadingsCommittedEvent } from '../readings/readings-committed.event.js';
import type { NewReadingRow } from '../readings/reading-writes.js';
import { AlertWork, CoalescingQueue } from './alert-work.js';

describe('alert work queue', () => {
  it('merges what arrives while a job runs into one next job', async () => {
    const runs: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const queue = new CoalescingQueue<number[]>(
      () => [],
      async (work) => {
        runs.push(work);
        if (runs.length === 1) await first;
      },
      () => undefined,
    );
    queue.add((work) => work.push(1));
    queue.add((work) => work.push(2));
    queue.add((work) => work.push(3));
    release();
    await queue.idle();
    expect(runs).toEqual([[1], [2, 3]]);
  });

  it('spaces back-to-back jobs by the minimum interval, and merges work meanwhile', async () => {
    const starts: { at: number; work: number[] }[] = [];
    const queue = new CoalescingQueue<number[]>(
      () => [],
      async (work) => {
        starts.push({ at: performance.now(), work });
        await Promise.resolve();
      },
      () => undefined,
      100,
    );
    queue.add((work) => work.push(1)); // starts at once
    queue.add((work) => work.push(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    queue.add((work) => work.push(3)); // the first job is done: waits with 2, merged
    await queue.idle();
    expect(starts.map((s) => s.work)).toEqual([[1], [2, 3]]);
    // Timers may fire a little early by the clock; never a whole interval early.
    expect(starts[1].at - starts[0].at).toBeGreaterThanOrEqual(95);
  });

  it('starts a job after a quiet spell at once', async () => {
    const starts: number[] = [];
    const queue = new CoalescingQueue<number[]>(
      () => [],
      async () => {
        starts.push(performance.now());
        await Promise.resolve();
      },
      () => undefined,
      10_000,
    );
    queue.add((work) => work.push(1));
    await queue.idle();
    const added = performance.now();
    queue.add((work) => work.push(2));
    await queue.idle();
    expect(starts).toHaveLength(2);
    expect(starts[1] - added).toBeLessThan(5_000);
  });

  it('reports a failed job and goes on with the next', async () => {
    const errors: unknown[] = [];
    const done: number[][] = [];
    const queue = new CoalescingQueue<number[]>(
      () => [],
      async (work) => {
        await Promise.resolve();
        if (work.includes(0)) throw new Error('boom');
        done.push(work);
      },
      (error) => errors.push(error),
    );
    queue.add((work) => work.push(0));
    queue.add((work) => work.push(1));
    await queue.idle();
    expect(errors).toHaveLength(1);
    expect(done).toEqual([[1]]);
  });

  it('keeps people with more dose, their quarters, and readings with badge facts', () => {
    const row = (seq: bigint, extra: Partial<NewReadingRow>): NewReadingRow => ({
      serial: 'B1',
      seq,
      measuredAt: new Date('2026-12-31T23:30:00Z'),
      registers: {},
      increments: {},
      reset: false,
      doseRateNsvH: null,
      battery: null,
      personId: 'p1',
      doses: {},
      ...extra,
    });
    const work = new AlertWork();
    const event = new ReadingsCommittedEvent(
      [row(1n, {}), row(2n, { battery: 15 })],
      [
        { personId: 'p1', quantity: 'effective', at: new Date('2026-12-31T23:30:00Z'), nsv: 5n },
        { personId: 'p2', quantity: 'effective', at: new Date('2026-12-31T23:30:00Z'), nsv: -5n },
      ],
      1_000,
    );
    // 23:30 UTC is already 1 January in Berlin: the facility's quarter counts.
    work.addDoses(event, 'Europe/Berlin');
    work.addBadgeFacts(event);
    expect([...work.people]).toEqual([['p1', new Set(['2027-Q1'])]]);
    expect(work.readings.map((r) => r.seq)).toEqual([2n]);
    expect([...work.seenSerials]).toEqual(['B1']);
    expect(work.receivedAt).toBe(1_000);
  });
});
