/**
 * Ground truth for delivery and fault tests: every badge reading a test sent, what the
 * service must make of it (DESIGN.md §3.1), and a Jepsen-queue-style check of the database
 * against it: each sent (badge, seq) is counted (stored once), lost (not stored) or
 * duplicated (stored more than once), and each wearer's totals must equal the truth exactly.
 *
 * Registers are whole nanosieverts here and go out as µSv with 3 decimals, so the truth is
 * exact integer arithmetic. Badges are `trunk` badges (hp10 → effective, nothing else) worn
 * by one person throughout.
 */
import type { DataSource } from 'typeorm';

export interface LedgerReading {
  serial: string;
  seq: number;
  /** Accumulated hp10 register, nSv. */
  hp10Nsv: bigint;
  measuredAt: Date;
}

export interface LedgerCheck {
  sent: number;
  counted: number;
  lost: number;
  duplicated: number;
  /** Stored readings of the ledger's badges that were never sent. */
  unexpected: number;
  /** Stored readings whose hp10 increment differs from the truth by seq order. */
  wrongIncrements: number;
  /** People whose daily totals differ from the truth (any quantity). */
  wrongTotals: {
    personId: string;
    expected: Record<string, string>;
    actual: Record<string, string>;
  }[];
  /** Sum over people and quantities of |actual − expected|, nSv. */
  totalsOffByNsv: bigint;
  /** One line for the test log. */
  summary: string;
}

/** µSv with exactly 3 decimals, as a JSON number literal: 1234 nSv → 1.234. */
export function microsievertLiteral(nsv: bigint): string {
  return `${nsv / 1000n}.${(nsv % 1000n).toString().padStart(3, '0')}`;
}

/** The reading as a badge publishes it (one JSON object, hp10 only). */
export function readingPayload(reading: LedgerReading): string {
  return `{"seq":${reading.seq},"measuredAt":"${reading.measuredAt.toISOString()}","hp10":${microsievertLiteral(reading.hp10Nsv)}}`;
}

/** Increments by seq order: the first against baseline 0, a register that goes down counts itself. */
export function incrementsBySeq(registers: readonly bigint[]): bigint[] {
  let previous = 0n;
  return registers.map((register) => {
    const increment = register >= previous ? register - previous : register;
    previous = register;
    return increment;
  });
}

/**
 * A badge's register series: mostly growing by up to 5 µSv a reading, sometimes flat, and
 * with the given chance per reading of a reset (the register starts again from a small value).
 */
export function registerSeries(random: () => number, length: number, resetChance = 0): bigint[] {
  const series: bigint[] = [];
  let register = 0n;
  for (let i = 0; i < length; i++) {
    if (i > 0 && random() < resetChance) register = BigInt(Math.floor(random() * 500));
    else register += BigInt(Math.floor(random() * 5_000));
    series.push(register);
  }
  return series;
}

export class DoseLedger {
  private readonly wearers = new Map<string, string>();
  private readonly readings = new Map<string, Map<number, LedgerReading>>();
  private messages = 0;

  /** A trunk badge worn by `personId` for the whole test. */
  addBadge(serial: string, personId: string): void {
    this.wearers.set(serial, personId);
    this.readings.set(serial, new Map());
  }

  get serials(): string[] {
    return [...this.wearers.keys()];
  }

  /** Publications recorded, repeats included. */
  get messagesSent(): number {
    return this.messages;
  }

  /** Distinct (badge, seq) recorded. */
  get distinctSent(): number {
    let n = 0;
    for (const bySeq of this.readings.values()) n += bySeq.size;
    return n;
  }

  /** Every distinct (badge, seq) recorded so far, as `serial|seq`. */
  acknowledgedKeys(): string[] {
    return [...this.readings].flatMap(([serial, bySeq]) =>
      [...bySeq.keys()].map((seq) => `${serial}|${seq}`),
    );
  }

  /** Records a publication the broker acknowledged; a repeat must carry the same registers. */
  record(reading: LedgerReading): void {
    const bySeq = this.readings.get(reading.serial);
    if (!bySeq) throw new Error(`badge ${reading.serial} is not in the ledger`);
    const known = bySeq.get(reading.seq);
    if (known && known.hp10Nsv !== reading.hp10Nsv)
      throw new Error(`${reading.serial}#${reading.seq} sent with two different registers`);
    bySeq.set(reading.seq, reading);
    this.messages += 1;
  }

  /** The truth per badge: seq → hp10 increment, over every distinct reading recorded. */
  expectedIncrements(serial: string): Map<number, bigint> {
    const sorted = [...(this.readings.get(serial)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
    const increments = incrementsBySeq(sorted.map((r) => r.hp10Nsv));
    return new Map(sorted.map((r, i) => [r.seq, increments[i]]));
  }

  /** The truth per person: their effective dose in nSv (and nothing else). */
  expectedTotals(): Map<string, Record<string, bigint>> {
    const totals = new Map<string, Record<string, bigint>>();
    for (const [serial, personId] of this.wearers) {
      let sum = 0n;
      for (const increment of this.expectedIncrements(serial).values()) sum += increment;
      const current = totals.get(personId) ?? {};
      current.effective = (current.effective ?? 0n) + sum;
      totals.set(personId, current);
    }
    for (const [personId, total] of totals) if (total.effective === 0n) totals.set(personId, {});
    return totals;
  }

  /** Compares the database with the ledger. */
  async check(dataSource: DataSource): Promise<LedgerCheck> {
    const rows = await dataSource.query<
      { serial: string; seq: string; copies: number; inc: string | null }[]
    >(
      `SELECT badge_serial AS serial, seq::text AS seq, count(*)::int AS copies, max(inc_hp10_nsv)::text AS inc
         FROM reading WHERE badge_serial = ANY($1::text[]) GROUP BY badge_serial, seq`,
      [this.serials],
    );
    const stored = new Map(rows.map((row) => [`${row.serial}#${row.seq}`, row]));
    let counted = 0;
    let lost = 0;
    let duplicated = 0;
    let wrongIncrements = 0;
    for (const serial of this.serials) {
      for (const [seq, increment] of this.expectedIncrements(serial)) {
        const row = stored.get(`${serial}#${seq}`);
        stored.delete(`${serial}#${seq}`);
        if (!row) lost += 1;
        else if (row.copies > 1) duplicated += 1;
        else counted += 1;
        if (row && row.inc !== increment.toString()) wrongIncrements += 1;
      }
    }
    const wrongTotals: LedgerCheck['wrongTotals'] = [];
    let totalsOffBy = 0n;
    for (const [personId, expected] of this.expectedTotals()) {
      const actual = await totalsOfPerson(dataSource, personId);
      for (const quantity of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
        const difference = (actual[quantity] ?? 0n) - (expected[quantity] ?? 0n);
        totalsOffBy += difference < 0n ? -difference : difference;
      }
      if (!sameTotals(expected, actual))
        wrongTotals.push({ personId, expected: show(expected), actual: show(actual) });
    }
    const sent = this.distinctSent;
    const unexpected = stored.size;
    const summary =
      `sent ${this.messages} messages / ${sent} distinct readings: counted ${counted}, lost ${lost}, ` +
      `duplicated ${duplicated}, unexpected ${unexpected}, wrong increments ${wrongIncrements}, ` +
      `people with wrong totals ${wrongTotals.length}/${this.expectedTotals().size} ` +
      `(off by ${totalsOffBy} nSv in all)`;
    return {
      sent,
      counted,
      lost,
      duplicated,
      unexpected,
      wrongIncrements,
      wrongTotals,
      totalsOffByNsv: totalsOffBy,
      summary,
    };
  }
}

async function totalsOfPerson(
  dataSource: DataSource,
  personId: string,
): Promise<Record<string, bigint>> {
  const rows = await dataSource.query<{ quantity: string; total: string }[]>(
    `SELECT quantity, sum(dose_nsv)::text AS total FROM daily_dose
      WHERE person_id = $1 GROUP BY quantity HAVING sum(dose_nsv) <> 0 ORDER BY quantity`,
    [personId],
  );
  return Object.fromEntries(rows.map((row) => [row.quantity, BigInt(row.total)]));
}

const show = (totals: Record<string, bigint>): Record<string, string> =>
  Object.fromEntries(Object.entries(totals).map(([quantity, nsv]) => [quantity, nsv.toString()]));

function sameTotals(a: Record<string, bigint>, b: Record<string, bigint>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}
