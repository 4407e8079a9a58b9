import { jest } from '@jest/globals';
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

  describe('with a minimum interval (fake clock)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    const recordingQueue = (minIntervalMs: number) => {
      const runs: number[][] = [];
      const queue = new CoalescingQueue<number[]>(
        () => [],
        async (work) => {
          runs.push(work);
          await Promise.resolve();
        },
        () => undefined,
        minIntervalMs,
      );
      return { runs, queue };
    };

    it('starts a back-to-back job no sooner than the interval, with work merged meanwhile', async () => {
      const { runs, queue } = recordingQueue(100);
      queue.add((work) => work.push(1)); // starts at once
      queue.add((work) => work.push(2)); // waits: the first job is running
      await jest.advanceTimersByTimeAsync(50);
      queue.add((work) => work.push(3)); // merged with 2
      await jest.advanceTimersByTimeAsync(49);
      expect(runs).toEqual([[1]]);
      await jest.advanceTimersByTimeAsync(1);
      expect(runs).toEqual([[1], [2, 3]]);
      await queue.idle();
    });

    it('starts hurried work as soon as the job in progress ends, or at once if waiting', async () => {
      const { runs, queue } = recordingQueue(100);
      queue.add((work) => work.push(1));
      queue.add((work) => work.push(2));
      queue.hurry(); // while job 1 runs
      await jest.advanceTimersByTimeAsync(0);
      expect(runs).toEqual([[1], [2]]);
      await queue.idle();
      queue.add((work) => work.push(3)); // after a quiet spell: at once
      queue.add((work) => work.push(4)); // back to back: waits
      await jest.advanceTimersByTimeAsync(50);
      expect(runs).toEqual([[1], [2], [3]]);
      queue.hurry(); // during the wait
      await jest.advanceTimersByTimeAsync(0);
      expect(runs).toEqual([[1], [2], [3], [4]]);
      await queue.idle();
    });

    it('starts a job after a quiet spell at once', async () => {
      const { runs, queue } = recordingQueue(10_000);
      queue.add((work) => work.push(1));
      await queue.idle();
      queue.add((work) => work.push(2));
      await jest.advanceTimersByTimeAsync(0);
      expect(runs).toEqual([[1], [2]]);
      await queue.idle();
    });
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
