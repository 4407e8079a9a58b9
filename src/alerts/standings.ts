import type { EntityManager } from 'typeorm';
import type { Standing } from './rules/standing.js';
import { plainArray } from '../database/array-literal.js';

/** Replaces the standings of these people (one statement; people without limits are removed). */
export async function storeStandings(
  manager: EntityManager,
  evaluated: readonly string[],
  standings: readonly Standing[],
): Promise<void> {
  if (evaluated.length === 0) return;
  const ranked = new Set(standings.map((standing) => standing.personId));
  const unranked = evaluated.filter((personId) => !ranked.has(personId));
  if (unranked.length > 0) {
    await manager.query(`DELETE FROM person_standing WHERE person_id = ANY($1::uuid[])`, [
      plainArray(unranked),
    ]);
  }
  if (standings.length === 0) return;
  const sorted = [...standings].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  await manager.query(
    `INSERT INTO person_standing (person_id, fraction, quantity, period, value_nsv, limit_nsv, as_of_day)
     SELECT * FROM unnest($1::uuid[], $2::float8[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::date[])
     ON CONFLICT (person_id) DO UPDATE SET fraction = EXCLUDED.fraction, quantity = EXCLUDED.quantity,
       period = EXCLUDED.period, value_nsv = EXCLUDED.value_nsv, limit_nsv = EXCLUDED.limit_nsv,
       as_of_day = EXCLUDED.as_of_day`,
    [
      plainArray(sorted.map((s) => s.personId)),
      plainArray(sorted.map((s) => s.fraction)),
      plainArray(sorted.map((s) => s.quantity)),
      plainArray(sorted.map((s) => s.period)),
      plainArray(sorted.map((s) => s.valueNsv)),
      plainArray(sorted.map((s) => s.limitNsv)),
      plainArray(sorted.map((s) => s.asOfDay)),
    ],
  );
}
