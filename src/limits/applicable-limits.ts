import type { EntityManager } from 'typeorm';

export type LimitPeriod = 'year' | '5years' | 'pregnancy';

export interface ApplicableLimit {
  quantity: string;
  period: LimitPeriod;
  limitNsv: bigint;
  /** For `pregnancy`: when the declaration started (the period runs from it). */
  since?: Date;
  /** For `pregnancy`: the declaration, which keys its alerts. */
  pregnancyId?: string;
}

/**
 * The limits that apply to each person at `at` (DESIGN.md §5): their profile's limits for
 * their category, the profile's pregnancy limits while a declared pregnancy is running,
 * and their own overrides in place of the profile's for the same quantity and period.
 * Patients have none: dose limits do not apply to medical exposure (ICRP Publication 103,
 * paragraph 180; 2013/59/Euratom art. 9 limits occupational and public exposure only).
 * One query for any number of people.
 */
export async function loadApplicableLimits(
  manager: EntityManager,
  personIds: string[],
  at: Date,
): Promise<Map<string, ApplicableLimit[]>> {
  const rows = await manager.query<
    {
      person_id: string;
      quantity: string;
      period: LimitPeriod;
      limit_nsv: string;
      since: Date | null;
      pregnancy_id: string | null;
    }[]
  >(
    `WITH people AS (SELECT id, profile, category FROM person WHERE id = ANY($1::uuid[]) AND kind = 'worker'),
          pregnant AS (SELECT DISTINCT ON (person_id) person_id, id, declared_at FROM pregnancy
                        WHERE person_id = ANY($1::uuid[]) AND declared_at <= $2 AND (ends_at IS NULL OR ends_at > $2)
                        ORDER BY person_id, declared_at DESC),
          profile_limits AS (
            SELECT p.id AS person_id, l.quantity, l.period, l.limit_nsv
              FROM people p JOIN dose_limit l ON l.profile = p.profile AND l.category = p.category
            UNION ALL
            SELECT p.id, l.quantity, l.period, l.limit_nsv
              FROM people p JOIN pregnant g ON g.person_id = p.id
              JOIN dose_limit l ON l.profile = p.profile AND l.category = 'pregnancy')
     SELECT pl.person_id, pl.quantity, pl.period, coalesce(o.limit_nsv, pl.limit_nsv)::text AS limit_nsv,
            CASE WHEN pl.period = 'pregnancy' THEN g.declared_at END AS since,
            CASE WHEN pl.period = 'pregnancy' THEN g.id END AS pregnancy_id
       FROM profile_limits pl
       LEFT JOIN person_limit o ON o.person_id = pl.person_id AND o.quantity = pl.quantity AND o.period = pl.period
       LEFT JOIN pregnant g ON g.person_id = pl.person_id
     UNION ALL
     SELECT o.person_id, o.quantity, o.period, o.limit_nsv::text, NULL, NULL FROM person_limit o
      WHERE o.person_id IN (SELECT id FROM people) AND o.period <> 'pregnancy'
        AND NOT EXISTS (SELECT 1 FROM profile_limits pl
                         WHERE pl.person_id = o.person_id AND pl.quantity = o.quantity AND pl.period = o.period)
     ORDER BY 1, 2, 3`,
    [personIds, at],
  );
  const limits = new Map<string, ApplicableLimit[]>();
  for (const row of rows) {
    const list = limits.get(row.person_id) ?? [];
    list.push({
      quantity: row.quantity,
      period: row.period,
      limitNsv: BigInt(row.limit_nsv),
      ...(row.since ? { since: row.since, pregnancyId: row.pregnancy_id ?? undefined } : {}),
    });
    limits.set(row.person_id, list);
  }
  return limits;
}
