import { readFileSync } from 'node:fs';
import { microsievertsToNanosieverts } from '../common/dose-units.js';
import { planBadgeBatch, type StoredReading } from './badge-batch-plan.js';
import { REGISTERS, type Register } from './registers.js';

/**
 * The worked cases of DESIGN.md §3.1 (test/vectors/register-increments.json, a copy of
 * shared/vectors): each delivery goes through planBadgeBatch against an in-memory store,
 * as the ingestion transaction does against Postgres.
 */
interface VectorCase {
  name: string;
  baseline: number;
  readings: Record<string, number>;
  deliveries: number[];
  increments: Record<string, number>;
  total: number;
  after_partial?: { deliveries: number[]; increments: Record<string, number> };
  events?: string[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/register-increments.json', import.meta.url), 'utf8'),
) as { cases: VectorCase[] };

/** Plays deliveries one message at a time and returns the store. */
function deliver(vector: VectorCase, deliveries: number[]): Map<bigint, StoredReading> {
  const store = new Map<bigint, StoredReading>();
  const baseline = microsievertsToNanosieverts(vector.baseline);
  for (const delivered of deliveries) {
    const seq = BigInt(delivered);
    const registers = { hp10: microsievertsToNanosieverts(vector.readings[String(delivered)]) };
    const sorted = [...store.values()].sort((a, b) => Number(a.seq - b.seq));
    const before = sorted.filter((reading) => reading.seq < seq);
    const previous = Object.fromEntries(
      REGISTERS.map((register) => [register, before.at(-1)?.registers[register] ?? baseline]),
    ) as Record<Register, bigint>;
    const plan = planBadgeBatch({
      previous,
      window: sorted.filter((reading) => reading.seq >= seq),
      incoming: [{ seq, registers }],
    });
    for (const { reading, increments, reset } of plan.fresh)
      store.set(reading.seq, { ...reading, increments, reset });
    for (const { stored, increments, reset } of plan.changed)
      store.set(stored.seq, { ...stored, increments, reset });
  }
  return store;
}

const incrementsOf = (store: Map<bigint, StoredReading>) =>
  Object.fromEntries(
    [...store.values()].map((reading) => [String(reading.seq), reading.increments.hp10]),
  );
const expectedOf = (increments: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(increments).map(([seq, usv]) => [seq, microsievertsToNanosieverts(usv)]),
  );

describe.each(vectors.cases)('register increments: $name', (vector) => {
  it('gives the expected increment per seq and total', () => {
    const store = deliver(vector, vector.deliveries);
    expect(incrementsOf(store)).toEqual(expectedOf(vector.increments));
    const total = [...store.values()].reduce(
      (sum, reading) => sum + (reading.increments.hp10 ?? 0n),
      0n,
    );
    expect(total).toBe(microsievertsToNanosieverts(vector.total));
  });

  if (vector.after_partial) {
    const partial = vector.after_partial;
    it('gives the expected increments before the late reading arrives', () => {
      expect(incrementsOf(deliver(vector, partial.deliveries))).toEqual(
        expectedOf(partial.increments),
      );
    });
  }

  if (vector.events?.some((event) => event.startsWith('badge.reset'))) {
    it('marks the reset reading', () => {
      const seq = BigInt(/seq (\d+)/.exec(vector.events?.[0] ?? '')?.[1] ?? -1);
      const resets = [...deliver(vector, vector.deliveries).values()].filter(
        (reading) => reading.reset,
      );
      expect(resets.map((reading) => reading.seq)).toEqual([seq]);
    });
  }
});

describe('planBadgeBatch', () => {
  it('keeps the first of two copies in one batch and reports the second as a duplicate', () => {
    const plan = planBadgeBatch({
      previous: { hp10: 0n, hp007: 0n, hp3: 0n },
      window: [],
      incoming: [
        { seq: 1n, registers: { hp10: 5n } },
        { seq: 1n, registers: { hp10: 7n } },
      ],
    });
    expect(plan.fresh.map((entry) => entry.increments)).toEqual([{ hp10: 5n }]);
    expect(plan.duplicates).toHaveLength(1);
  });

  it('derives each register from the previous reading that carried it', () => {
    const plan = planBadgeBatch({
      previous: { hp10: 100n, hp007: 200n, hp3: 0n },
      window: [],
      incoming: [
        { seq: 2n, registers: { hp10: 110n } },
        { seq: 3n, registers: { hp10: 120n, hp007: 260n } },
      ],
    });
    expect(plan.fresh.map((entry) => entry.increments)).toEqual([
      { hp10: 10n },
      { hp10: 10n, hp007: 60n },
    ]);
  });
});
