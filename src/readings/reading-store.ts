import type { EntityManager } from 'typeorm';
import { plainArray, textArray } from '../database/array-literal.js';
import type { Statement } from '../database/pipelined.js';
import type { BodyLocation } from './body-location.js';
import type { StoredReading } from './badge-batch-plan.js';
import { DOSE_COLUMNS, type QuantityDoses } from './rules/reading-doses.js';
import { REGISTERS, type Register, type Registers } from './registers.js';
import { QUANTITIES, type ExtremitySide } from '../common/quantities.js';

/**
 * SQL of the ingestion transaction: set-based reads, one statement per step. Each read is a
 * statement and the parser of its rows, so ingestion can send them in one round trip.
 */

export interface BadgeRow {
  serial: string;
  location: BodyLocation;
  /** An extremity badge's side, which keeps its dose apart (ledger/extremity-sides.ts). */
  side: ExtremitySide | null;
  baseline: Record<Register, bigint>;
}

export interface AssignmentRow {
  serial: string;
  personId: string;
  from: Date;
  to: Date | null;
}

export interface StoredWindowReading extends StoredReading {
  serial: string;
  personId: string | null;
  measuredAt: Date;
  doses: QuantityDoses;
}

export interface Neighbourhood {
  previous: Map<string, Partial<Record<Register, bigint>>>;
  /** Per serial, the stored seqs just below lo and just above hi, where there are. */
  bounds: Map<string, SeqBounds>;
  window: StoredWindowReading[];
  /** Serials with a `badge_register` row. */
  tracked: Set<string>;
}

export interface SeqBounds {
  below?: bigint;
  above?: bigint;
}

type Row = Record<string, unknown>;
const big = (value: unknown): bigint | undefined =>
  value === null || value === undefined ? undefined : BigInt(value as string);

export async function loadBadges(
  manager: EntityManager,
  serials: string[],
): Promise<Map<string, BadgeRow>> {
  const { text, values } = badgesStatement(serials);
  return badgesFrom(await manager.query(text, values));
}

export function badgesStatement(serials: string[]): Statement {
  return {
    text: `SELECT serial, body_location, side, baseline_hp10_nsv, baseline_hp007_nsv, baseline_hp3_nsv
             FROM badge WHERE serial = ANY($1::text[])`,
    values: [textArray(serials)],
  };
}

export function badgesFrom(rows: Row[]): Map<string, BadgeRow> {
  return new Map(
    rows.map((row) => [
      row.serial as string,
      {
        serial: row.serial as string,
        location: row.body_location as BodyLocation,
        side: row.side as ExtremitySide | null,
        baseline: {
          hp10: BigInt(row.baseline_hp10_nsv as string),
          hp007: BigInt(row.baseline_hp007_nsv as string),
          hp3: BigInt(row.baseline_hp3_nsv as string),
        },
      },
    ]),
  );
}

export async function loadAssignments(
  manager: EntityManager,
  serials: string[],
  from: Date,
  to: Date,
): Promise<AssignmentRow[]> {
  const { text, values } = assignmentsStatement(serials, from, to);
  return assignmentsFrom(await manager.query(text, values));
}

/** The badges' assignments that overlap [from, to]. */
export function assignmentsStatement(serials: string[], from: Date, to: Date): Statement {
  return {
    text: `SELECT badge_serial, person_id, valid_from, valid_to FROM badge_assignment
            WHERE badge_serial = ANY($1::text[]) AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $2)`,
    values: [textArray(serials), from, to],
  };
}

export function assignmentsFrom(rows: Row[]): AssignmentRow[] {
  return rows.map((row) => ({
    serial: row.badge_serial as string,
    personId: row.person_id as string,
    from: row.valid_from as Date,
    to: row.valid_to as Date | null,
  }));
}

/**
 * Per badge with incoming seqs lo..hi: each register's last stored value before lo, and the
 * stored readings from lo through each register's first stored successor after hi. A badge
 * with a `badge_register` row whose registers all lie before lo (an in-order batch, the usual
 * case) needs no search of its history: its previous registers are that row's, and nothing
 * stored follows. `tracked`: the serials that have such a row. Also the stored seqs right
 * below lo and right above hi (for seq gaps), from the same row when the batch is in order.
 */
export function neighbourhoodStatement(
  ranges: { serial: string; lo: bigint; hi: bigint }[],
): Statement {
  const values = [
    textArray(ranges.map((r) => r.serial)),
    plainArray(ranges.map((r) => r.lo)),
    plainArray(ranges.map((r) => r.hi)),
  ];
  const before = REGISTERS.map(
    (
      register,
    ) => `CASE WHEN t.serial IS NOT NULL AND (t.${register}_seq IS NULL OR t.${register}_seq < b.lo)
                        THEN t.${register}_nsv
                        ELSE (SELECT r.${register}_nsv FROM reading r WHERE r.badge_serial = b.serial AND r.seq < b.lo
                                 AND r.${register}_nsv IS NOT NULL ORDER BY r.seq DESC LIMIT 1) END AS prev_${register}`,
  );
  const after = REGISTERS.map(
    (
      register,
    ) => `CASE WHEN t.serial IS NOT NULL AND (t.${register}_seq IS NULL OR t.${register}_seq <= b.hi)
                        THEN NULL
                        ELSE (SELECT min(r.seq) FROM reading r WHERE r.badge_serial = b.serial AND r.seq > b.hi
                                 AND r.${register}_nsv IS NOT NULL) END`,
  );
  // A null last_seq (unknown) compares false: the search runs.
  const seqBounds = `CASE WHEN t.last_seq < b.lo THEN t.last_seq
                          ELSE (SELECT max(r.seq) FROM reading r WHERE r.badge_serial = b.serial AND r.seq < b.lo) END AS below,
                     CASE WHEN t.last_seq <= b.hi THEN NULL
                          ELSE (SELECT min(r.seq) FROM reading r WHERE r.badge_serial = b.serial AND r.seq > b.hi) END AS above`;
  return {
    text: `WITH b AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS b(serial, lo, hi)),
          edges AS (SELECT b.serial, b.lo, t.serial IS NOT NULL AS tracked, ${before.join(', ')},
                           coalesce(greatest(${after.join(', ')}), b.hi) AS upto, ${seqBounds}
                      FROM b LEFT JOIN badge_register t ON t.serial = b.serial)
     SELECT e.serial, e.tracked, e.prev_hp10, e.prev_hp007, e.prev_hp3, e.below, e.above, r.seq, r.hp10_nsv, r.hp007_nsv, r.hp3_nsv,
            r.inc_hp10_nsv, r.inc_hp007_nsv, r.inc_hp3_nsv, r.reset, r.person_id, r.measured_at, ${DOSE_SELECT}
       FROM edges e LEFT JOIN reading r ON r.badge_serial = e.serial AND r.seq BETWEEN e.lo AND e.upto
      ORDER BY e.serial, r.seq`,
    values,
  };
}

export function neighbourhoodFrom(rows: Row[]): Neighbourhood {
  const previous = new Map<string, Partial<Record<Register, bigint>>>();
  const bounds = new Map<string, SeqBounds>();
  const tracked = new Set<string>();
  const window: StoredWindowReading[] = [];
  for (const row of rows) {
    const serial = row.serial as string;
    if (!previous.has(serial)) {
      previous.set(serial, {
        hp10: big(row.prev_hp10),
        hp007: big(row.prev_hp007),
        hp3: big(row.prev_hp3),
      });
      bounds.set(serial, { below: big(row.below), above: big(row.above) });
      if (row.tracked) tracked.add(serial);
    }
    if (row.seq === null) continue;
    window.push({
      serial,
      seq: BigInt(row.seq as string),
      registers: registersOf(row, ''),
      increments: registersOf(row, 'inc_'),
      reset: row.reset as boolean,
      personId: row.person_id as string | null,
      measuredAt: row.measured_at as Date,
      doses: dosesOf(row),
    });
  }
  return { previous, bounds, window, tracked };
}

/** A LATERAL join, named after the register, of the highest stored seq carrying it and its value. */
export function lastRegisterJoin(register: Register, serialExpression: string): string {
  return `LEFT JOIN LATERAL (SELECT r.seq, r.${register}_nsv AS nsv FROM reading r
                             WHERE r.badge_serial = ${serialExpression} AND r.${register}_nsv IS NOT NULL
                             ORDER BY r.seq DESC LIMIT 1) AS ${register} ON true`;
}

export function registersOf(row: Record<string, unknown>, prefix: string): Registers {
  const registers: Registers = {};
  for (const register of REGISTERS) {
    const value = big(row[`${prefix}${register}_nsv`]);
    if (value !== undefined) registers[register] = value;
  }
  return registers;
}

/** The contribution columns of `reading`, for a SELECT list. */
export const DOSE_SELECT = QUANTITIES.map((quantity) => DOSE_COLUMNS[quantity]).join(', ');

export function dosesOf(row: Record<string, unknown>): QuantityDoses {
  const doses: QuantityDoses = {};
  for (const quantity of QUANTITIES) {
    const value = row[DOSE_COLUMNS[quantity]];
    if (value !== null && value !== undefined) doses[quantity] = BigInt(value as string);
  }
  return doses;
}

/** One bigint[] literal per quantity column, in DOSE_SELECT order, for unnest. */
export const doseColumns = (doses: QuantityDoses[]) =>
  QUANTITIES.map((quantity) => plainArray(doses.map((values) => values[quantity])));

/** One bigint[] literal per register, in REGISTERS order, for unnest. */
export const registerColumns = (registers: Registers[]) =>
  REGISTERS.map((register) => plainArray(registers.map((values) => values[register])));
