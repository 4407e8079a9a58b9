import type { DataSource, EntityManager } from 'typeorm';
import type { DayRange } from '../calendar/periods.js';
import { pipelinedAnywhere, type Rows, type Statement } from '../database/pipelined.js';
import {
  dailyTotals as dailyTotalsStatement,
  doseDaySpan as doseDaySpanStatement,
  peopleWithDose as peopleWithDoseStatement,
  periodSums,
  quartersWithDose as quartersWithDoseStatement,
} from './ledger-statements.js';
import { ascending } from '../common/sort-in-order.js';
import { recordQuantities } from './extremity-sides.js';
import { piecesOf, type Piece } from './period-pieces.js';

/** The periods to add up for one person, each under a name the caller chooses. */
export interface PeriodsOf {
  personId: string;
  periods: ReadonlyMap<string, DayRange>;
}

/**
 * A person's dose per period and record quantity, in integer nSv: the sum of the daily totals
 * of the period's days (each the sum of the day's increments and adjustments, DESIGN.md §2).
 * The extremity record is the most exposed side's, taken from the period's sums
 * (extremity-sides.ts).
 */
export class PeriodSums {
  /** By person, then period, then ledger quantity (extremity sides apart). */
  private readonly sums = new Map<string, Map<string, Map<string, bigint>>>();

  /** The dose of record `quantity` in `period` of `personId` (0 without any). */
  of(personId: string, period: string, quantity: string): bigint {
    const ledger = this.sums.get(personId)?.get(period);
    if (!ledger) return 0n;
    if (quantity !== 'extremity') return ledger.get(quantity) ?? 0n;
    return recordQuantities(ledger).get(quantity) ?? 0n;
  }

  /** The record quantities with dose in `period` of `personId`, with their dose. */
  quantitiesOf(personId: string, period: string): ReadonlyMap<string, bigint> {
    return recordQuantities(this.sums.get(personId)?.get(period) ?? new Map<string, bigint>());
  }

  /** The ledger's own quantities (extremity sides apart), to add to another PeriodSums. */
  ledgerQuantitiesOf(personId: string, period: string): ReadonlyMap<string, bigint> {
    return this.sums.get(personId)?.get(period) ?? new Map<string, bigint>();
  }

  add(personId: string, period: string, quantity: string, nsv: bigint): void {
    let periods = this.sums.get(personId);
    if (!periods) this.sums.set(personId, (periods = new Map<string, Map<string, bigint>>()));
    let quantities = periods.get(period);
    if (!quantities) periods.set(period, (quantities = new Map<string, bigint>()));
    quantities.set(quantity, (quantities.get(quantity) ?? 0n) + nsv);
  }
}

/**
 * The ledger's one answer to "what is P's dose of each quantity over period X", for any
 * number of people and periods in one statement: every reader (exposure, the alert rules and
 * with them the dashboard's standings, the reports, patients) asks here. `asOfDay` is the
 * facility day the question is asked on: it decides which months and years may be read as
 * closed totals (period-pieces.ts). The statement and its reading apart, for a caller that
 * sends it with other statements.
 */
export function periodSumsQuery(
  requests: readonly PeriodsOf[],
  asOfDay: string,
): { statement: Statement; read(rows: Rows): PeriodSums } {
  const pieces: (Piece & { personId: string })[] = [];
  const membership = { pieces: [] as number[], periods: [] as number[] };
  const periods: { personId: string; name: string }[] = [];
  for (const { personId, periods: named } of requests) {
    const names = [...named.keys()];
    const firstPeriod = periods.length;
    for (const name of names) periods.push({ personId, name });
    for (const piece of cachedPieces([...named.values()], asOfDay)) {
      for (const period of piece.periods) {
        membership.pieces.push(pieces.length);
        membership.periods.push(firstPeriod + period);
      }
      pieces.push({ ...piece, personId });
    }
  }
  return {
    statement: periodSums(pieces, membership),
    read({ rows }) {
      const sums = new PeriodSums();
      for (const row of rows as { period: number; quantity: string; nsv: string }[]) {
        const { personId, name } = periods[row.period];
        sums.add(personId, name, row.quantity, BigInt(row.nsv));
      }
      return sums;
    },
  };
}

/** periodSumsQuery run on its own: in the transaction of `runner` when it is a transaction's manager. */
export async function sumPeriods(
  runner: EntityManager | DataSource,
  requests: readonly PeriodsOf[],
  asOfDay: string,
): Promise<PeriodSums> {
  if (requests.length === 0) return new PeriodSums();
  const query = periodSumsQuery(requests, asOfDay);
  const [rows] = await pipelinedAnywhere(runner, [query.statement]);
  return query.read(rows);
}

/** The people of a kind (`worker`, `patient`) with any dose in the ledger. */
export async function peopleWithDose(
  runner: DataSource | EntityManager,
  kind: string,
): Promise<string[]> {
  const statement = peopleWithDoseStatement(kind);
  const rows = await runner.query<{ id: string }[]>(statement.text, statement.values);
  return rows.map((row) => row.id);
}

/** The calendar quarters (`2026-Q4`) each person has dose in. */
export async function quartersWithDose(
  runner: DataSource | EntityManager,
): Promise<Map<string, Set<string>>> {
  const rows = await runner.query<{ person_id: string; quarter: string }[]>(
    quartersWithDoseStatement().text,
  );
  const quarters = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = quarters.get(row.person_id) ?? new Set<string>();
    set.add(row.quarter);
    quarters.set(row.person_id, set);
  }
  return quarters;
}

/** A person's daily totals within `days`, by quantity then day: the dose chart's data. */
export async function dailyTotalsIn(
  runner: DataSource | EntityManager,
  personId: string,
  days: DayRange,
): Promise<{ day: string; quantity: string; nsv: bigint }[]> {
  const statement = dailyTotalsStatement(personId, days.first, days.last);
  const rows = await runner.query<{ day: string; quantity: string; nsv: string }[]>(
    statement.text,
    statement.values,
  );
  const byDay = new Map<string, Map<string, bigint>>();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? new Map<string, bigint>();
    day.set(row.quantity, BigInt(row.nsv));
    byDay.set(row.day, day);
  }
  // Each day's record: its most exposed extremity (extremity-sides.ts).
  const totals = [...byDay].flatMap(([day, ledger]) =>
    [...recordQuantities(ledger)].map(([quantity, nsv]) => ({ day, quantity, nsv })),
  );
  return totals.sort((a, b) => ascending(a.quantity, b.quantity) || ascending(a.day, b.day));
}

/** The first and last day a person has dose on (undefined: none), to bound a history. */
export async function doseDaySpan(
  runner: DataSource | EntityManager,
  personId: string,
): Promise<DayRange | undefined> {
  const statement = doseDaySpanStatement(personId);
  const [row] = await runner.query<{ first: string | null; last: string | null }[]>(
    statement.text,
    statement.values,
  );
  return row?.first && row.last ? { first: row.first, last: row.last } : undefined;
}

/**
 * Pieces by periods and day: one evaluation asks the same periods (this quarter, year, rolling
 * five years, projection window) for most of its people.
 */
const piecesCache = new Map<string, Piece[]>();
const PIECES_CACHED = 1_000;

function cachedPieces(periods: readonly DayRange[], asOfDay: string): Piece[] {
  const key = `${asOfDay}|${periods.map(({ first, last }) => `${first}-${last}`).join('|')}`;
  let pieces = piecesCache.get(key);
  if (!pieces) {
    pieces = piecesOf(periods, asOfDay);
    if (piecesCache.size >= PIECES_CACHED) piecesCache.clear();
    piecesCache.set(key, pieces);
  }
  return pieces;
}
