import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DoseLedger } from './dose-ledger.js';

/** Direct inserts for tests whose subject is not the registry itself. */
export async function insertWorker(dataSource: DataSource, name = 'Test Worker'): Promise<string> {
  const [row] = await dataSource.query<
    {
      id: string;
    }[]
  >(`INSERT INTO person (kind, name) VALUES ('worker', $1) RETURNING id`, [name]);
  return row.id;
}

export async function insertBadge(
  dataSource: DataSource,
  location = 'trunk',
  serial = uniqueSerial(),
): Promise<string> {
  await dataSource.query(`INSERT INTO badge (serial, body_location) VALUES ($1, $2)`, [
    serial,
    location,
  ]);
  return serial;
}

/** A registered modality (DESIGN.md §7): the service takes exposure events only from these. */
export async function insertModality(
  dataSource: DataSource,
  id: string,
  kind = 'CT',
): Promise<string> {
  await dataSource.query(`INSERT INTO modality (id, kind) VALUES ($1, $2)`, [id, kind]);
  return id;
}

export async function insertAssignment(
  dataSource: DataSource,
  serial: string,
  personId: string,
  from = new Date('2000-01-01T00:00:00Z'),
  to: Date | null = null,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO badge_assignment (badge_serial, person_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)`,
    [serial, personId, from, to],
  );
}

export const uniqueSerial = (): string => `T-${randomUUID().slice(0, 12)}`;

/** A new worker wearing a new badge (of that serial) since 2000. */
export async function insertWornBadge(
  dataSource: DataSource,
  serial = uniqueSerial(),
  location = 'trunk',
): Promise<{ personId: string; serial: string }> {
  const personId = await insertWorker(dataSource);
  await insertBadge(dataSource, location, serial);
  await insertAssignment(dataSource, serial, personId);
  return { personId, serial };
}

/**
 * A measurement time within the last minute, `second` seconds after a minute ago: readings
 * of today, in seq order, that no clock skew rejects.
 */
export const withinLastMinute = (second: number): string =>
  new Date(Date.now() - 60_000 + second * 1000).toISOString();

/** A person's daily totals as { quantity: total nSv }. */
export async function totalsOf(
  dataSource: DataSource,
  personId: string,
): Promise<Record<string, bigint>> {
  const rows = await dataSource.query<{ quantity: string; total: string }[]>(
    `SELECT quantity, sum(dose_nsv)::text AS total FROM daily_dose WHERE person_id = $1 GROUP BY quantity`,
    [personId],
  );
  return Object.fromEntries(rows.map((row) => [row.quantity, BigInt(row.total)]));
}

export async function countReadings(dataSource: DataSource, serial: string): Promise<number> {
  const [row] = await dataSource.query<
    {
      n: number;
    }[]
  >(`SELECT count(*)::int AS n FROM reading WHERE badge_serial = $1`, [serial]);
  return row.n;
}

/**
 * A worker wearing each badge (trunk, from 2000 on), entered in the ledger; returns serial →
 * person. Badges and people go straight into the database: the registry is not the subject.
 */
export async function wearTrunkBadges(
  dataSource: DataSource,
  ledger: DoseLedger,
  serials: readonly string[],
): Promise<Map<string, string>> {
  const wearers = new Map<string, string>();
  for (const serial of serials) {
    const person = await insertWorker(dataSource, `Wearer of ${serial}`);
    await insertBadge(dataSource, 'trunk', serial);
    await insertAssignment(dataSource, serial, person);
    ledger.addBadge(serial, person);
    wearers.set(serial, person);
  }
  return wearers;
}
