import type { EntityManager } from 'typeorm';
import type { Quantity } from '../../common/quantities.js';
import type { BodyLocation } from '../../readings/body-location.js';
import { monitoredQuantities } from '../../readings/rules/monitored-quantities.js';
import type { DoseSum, Form5Facts } from './nrc-form5.js';

/** The badges whose Hp(10) is dose to the whole body (DESIGN.md §4): not eye, not extremity. */
const WHOLE_BODY: readonly BodyLocation[] = ['trunk', 'collar', 'fetal'];

/**
 * The most exposed part of the whole body within [first, last] (facility days of the readings'
 * measuredAt, as the ledger counts them): the largest Hp(10) sum among the person's trunk,
 * collar and fetal badges, each location's badges summed (nSv).
 */
export async function wholeBodyHp10(
  manager: EntityManager,
  personId: string,
  first: string,
  last: string,
  timeZone: string,
): Promise<bigint> {
  const rows = await manager.query<{ hp10: string }[]>(
    `SELECT COALESCE(SUM(r.inc_hp10_nsv), 0)::text AS hp10
       FROM reading r JOIN badge b ON b.serial = r.badge_serial
      WHERE r.person_id = $1 AND b.body_location = ANY($2)
        AND (r.measured_at AT TIME ZONE $3)::date BETWEEN $4 AND $5
      GROUP BY b.body_location`,
    [personId, WHOLE_BODY, timeZone, first, last],
  );
  return rows.reduce((max, row) => (BigInt(row.hp10) > max ? BigInt(row.hp10) : max), 0n);
}

/** The record quantities the badges assigned to the person within [first, last] measure. */
export async function monitoredIn(
  manager: EntityManager,
  personId: string,
  first: string,
  last: string,
  timeZone: string,
): Promise<Set<Quantity>> {
  const rows = await manager.query<{ location: BodyLocation; apron: boolean | null }[]>(
    `SELECT b.body_location AS location, a.apron
       FROM badge_assignment a JOIN badge b ON b.serial = a.badge_serial
      WHERE a.person_id = $1 AND (a.valid_from AT TIME ZONE $2)::date <= $4
        AND (a.valid_to IS NULL OR (a.valid_to AT TIME ZONE $2)::date >= $3)`,
    [personId, timeZone, first, last],
  );
  return monitoredQuantities(rows);
}

/** A declared pregnancy runs within [first, last]: the embryo/fetus dose is kept. */
export async function pregnantIn(
  manager: EntityManager,
  personId: string,
  first: string,
  last: string,
  timeZone: string,
): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM pregnancy
      WHERE person_id = $1
        AND COALESCE(estimated_conception, (declared_at AT TIME ZONE $2)::date) <= $4
        AND (ends_at IS NULL OR (ends_at AT TIME ZONE $2)::date >= $3)`,
    [personId, timeZone, first, last],
  );
  return rows.length > 0;
}

/** What a year's Form 5 boxes are filled from (nrc-form5.ts), within [first, last]. */
export async function form5Facts(
  manager: EntityManager,
  personId: string,
  sums: ReadonlyMap<string, DoseSum> | undefined,
  first: string,
  last: string,
  timeZone: string,
): Promise<Form5Facts> {
  return {
    sums: sums ?? new Map<string, DoseSum>(),
    wholeBodyHp10Nsv: await wholeBodyHp10(manager, personId, first, last, timeZone),
    monitored: await monitoredIn(manager, personId, first, last, timeZone),
    pregnant: await pregnantIn(manager, personId, first, last, timeZone),
  };
}
