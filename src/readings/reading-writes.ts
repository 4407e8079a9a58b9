import type { EntityManager } from 'typeorm';
import { DOSE_COLUMNS, type QuantityDoses } from './rules/reading-doses.js';
import { REGISTERS, type Register, type Registers } from './registers.js';
import { plainArray, textArray, timestampArray } from '../database/array-literal.js';
import { copyRows, type CopyValue } from '../database/copy-rows.js';
import { doseColumns, lastRegisterJoin, registerColumns } from './reading-store.js';
import { pipelined, type Statement } from '../database/pipelined.js';
import { QUANTITIES } from '../common/quantities.js';

export interface NewReadingRow {
  serial: string;
  seq: bigint;
  measuredAt: Date;
  registers: Registers;
  increments: Registers;
  reset: boolean;
  doseRateNsvH: bigint | null;
  battery: number | null;
  personId: string | null;
  doses: QuantityDoses;
}

/** New derived values of a stored reading: increments, reset, wearer and their doses. */
export interface DerivedUpdate {
  serial: string;
  seq: bigint;
  increments: Registers;
  reset: boolean;
  personId: string | null;
  doses: QuantityDoses;
}

/** Columns of `reading` that ingestion writes, in the order of readingRow's values. */
const READING_COLUMNS = [
  'badge_serial',
  'seq',
  'measured_at',
  'hp10_nsv',
  'hp007_nsv',
  'hp3_nsv',
  'inc_hp10_nsv',
  'inc_hp007_nsv',
  'inc_hp3_nsv',
  'reset',
  'dose_rate_nsv_h',
  'battery',
  'person_id',
  ...QUANTITIES.map((quantity) => DOSE_COLUMNS[quantity]),
];

/**
 * Inserts new readings with COPY. No ON CONFLICT: under the badges' locks the batch plan has
 * already set aside every stored (badge, seq), so a conflict here would be a bug, and it must
 * abort the transaction rather than count increments of a skipped row.
 */
export async function insertReadings(manager: EntityManager, rows: NewReadingRow[]): Promise<void> {
  await copyRows(manager, 'reading', READING_COLUMNS, rows.map(readingRow));
}

function readingRow(r: NewReadingRow): CopyValue[] {
  const { registers: reg, increments: inc, doses } = r;
  return [
    r.serial,
    r.seq,
    r.measuredAt.toISOString(),
    reg.hp10,
    reg.hp007,
    reg.hp3,
    inc.hp10,
    inc.hp007,
    inc.hp3,
    r.reset,
    r.doseRateNsvH,
    r.battery,
    r.personId,
    ...QUANTITIES.map((quantity) => doses[quantity]),
  ];
}

/** Stores new derived values (increments, reset, wearer, doses) of readings already stored. */
export async function updateDerived(
  manager: EntityManager,
  updates: DerivedUpdate[],
): Promise<void> {
  await pipelined(manager, derivedStatements(updates));
}

export function derivedStatements(updates: DerivedUpdate[]): Statement[] {
  if (updates.length === 0) return [];
  return [
    {
      text: `UPDATE reading r SET inc_hp10_nsv = u.hp10, inc_hp007_nsv = u.hp007, inc_hp3_nsv = u.hp3, reset = u.reset,
            person_id = u.person_id, effective_nsv = u.effective, skin_nsv = u.skin, eye_lens_nsv = u.eye_lens,
            extremity_nsv = u.extremity, fetal_nsv = u.fetal
       FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::boolean[], $7::uuid[],
                   $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[])
            AS u(serial, seq, hp10, hp007, hp3, reset, person_id, effective, skin, eye_lens, extremity, fetal)
      WHERE r.badge_serial = u.serial AND r.seq = u.seq`,
      values: [
        textArray(updates.map((u) => u.serial)),
        plainArray(updates.map((u) => u.seq)),
        ...registerColumns(updates.map((u) => u.increments)),
        plainArray(updates.map((u) => u.reset)),
        plainArray(updates.map((u) => u.personId)),
        ...doseColumns(updates.map((u) => u.doses)),
      ],
    },
  ];
}

/** Last seen and battery from each badge's newest reading in the batch. */
export function touchStatements(
  newest: { serial: string; measuredAt: Date; battery: number | null }[],
): Statement[] {
  if (newest.length === 0) return [];
  return [
    {
      text: `UPDATE badge b SET last_seen_at = u.measured_at, battery = coalesce(u.battery, b.battery)
               FROM unnest($1::text[], $2::timestamptz[], $3::smallint[]) AS u(serial, measured_at, battery)
              WHERE b.serial = u.serial AND (b.last_seen_at IS NULL OR b.last_seen_at < u.measured_at)`,
      values: [
        textArray(newest.map((n) => n.serial)),
        timestampArray(newest.map((n) => n.measuredAt)),
        plainArray(newest.map((n) => n.battery)),
      ],
    },
  ];
}

/** A reading left with no reading at the seq just below it (seq-gap-candidate.entity.ts). */
export interface GapCandidate {
  serial: string;
  seq: bigint;
}

/** Records the batch's opened seq gaps for the scheduled rule. */
export function gapCandidateStatements(gaps: readonly GapCandidate[]): Statement[] {
  if (gaps.length === 0) return [];
  return [
    {
      text: `INSERT INTO seq_gap_candidate (badge_serial, seq)
             SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING`,
      values: [textArray(gaps.map((gap) => gap.serial)), plainArray(gaps.map((gap) => gap.seq))],
    },
  ];
}

/**
 * Keeps `badge_register` (see its entity) covering every stored reading: a tracked serial takes
 * the batch's highest seq per register where it is higher than the row's; an untracked serial
 * gets its row from its stored readings, once (this batch's included: run after inserting).
 */
export function trackRegisterStatements(
  serials: readonly string[],
  tracked: ReadonlySet<string>,
  accepted: readonly NewReadingRow[],
): Statement[] {
  const statements: Statement[] = [];
  const newest = new Map<string, Partial<Record<Register, { seq: bigint; nsv: bigint }>>>();
  const lastSeq = new Map<string, bigint>();
  for (const row of accepted) {
    if (!tracked.has(row.serial)) continue;
    const registers = newest.get(row.serial) ?? {};
    newest.set(row.serial, registers);
    if ((lastSeq.get(row.serial) ?? -1n) < row.seq) lastSeq.set(row.serial, row.seq);
    for (const register of REGISTERS) {
      const nsv = row.registers[register];
      const known = registers[register];
      if (nsv !== undefined && (!known || known.seq < row.seq))
        registers[register] = { seq: row.seq, nsv };
    }
  }
  if (newest.size > 0) {
    const rows = [...newest];
    const columns = REGISTERS.flatMap((register) => [
      plainArray(rows.map(([, r]) => r[register]?.seq)),
      plainArray(rows.map(([, r]) => r[register]?.nsv)),
    ]);
    const set = REGISTERS.map((register) => {
      const higher = `u.${register}_seq IS NOT NULL AND (t.${register}_seq IS NULL OR t.${register}_seq < u.${register}_seq)`;
      return `${register}_seq = CASE WHEN ${higher} THEN u.${register}_seq ELSE t.${register}_seq END,
              ${register}_nsv = CASE WHEN ${higher} THEN u.${register}_nsv ELSE t.${register}_nsv END`;
    });
    // An unknown (null) last_seq stays unknown.
    statements.push({
      text: `UPDATE badge_register t SET ${set.join(', ')},
                    last_seq = CASE WHEN t.last_seq < u.last_seq THEN u.last_seq ELSE t.last_seq END
               FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
                    AS u(serial, hp10_seq, hp10_nsv, hp007_seq, hp007_nsv, hp3_seq, hp3_nsv, last_seq)
              WHERE t.serial = u.serial`,
      values: [
        textArray(rows.map(([serial]) => serial)),
        ...columns,
        plainArray(rows.map(([serial]) => lastSeq.get(serial))),
      ],
    });
  }
  const untracked = serials.filter((serial) => !tracked.has(serial));
  if (untracked.length > 0) {
    statements.push({
      text: `INSERT INTO badge_register (serial, hp10_seq, hp10_nsv, hp007_seq, hp007_nsv, hp3_seq, hp3_nsv, last_seq)
             SELECT s.serial, hp10.seq, hp10.nsv, hp007.seq, hp007.nsv, hp3.seq, hp3.nsv,
                    (SELECT max(r.seq) FROM reading r WHERE r.badge_serial = s.serial)
               FROM unnest($1::text[]) AS s(serial)
                    ${REGISTERS.map((register) => lastRegisterJoin(register, 's.serial')).join(' ')}
             ON CONFLICT (serial) DO NOTHING`,
      values: [textArray(untracked)],
    });
  }
  return statements;
}
