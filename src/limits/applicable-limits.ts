import { groupBy } from '../common/group-by.js';
import { plainArray } from '../database/array-literal.js';
import type { Statement } from '../database/pipelined.js';
import { ascending, sortInOrder } from '../common/sort-in-order.js';
import { categoryAt } from '../people/category-at.js';

export type LimitPeriod = 'year' | '5years' | 'pregnancy';

export interface ApplicableLimit {
  quantity: string;
  period: LimitPeriod;
  limitNsv: bigint;
  /** For `pregnancy`: the running declaration and how the profile counts it. */
  pregnancy?: PregnancyTerms;
}

/** A running declared pregnancy and its profile's rules for the fetal dose (DESIGN.md §4, §5). */
export interface PregnancyTerms {
  /** The declaration, which keys its alerts. */
  id: string;
  declaredAt: Date;
  /**
   * The facility day the fetal limit's period starts on when the profile counts the whole
   * pregnancy (10 CFR 20.1208(a)): the estimated conception the declaration carries. Null:
   * the period starts on the declaration's day (2013/59/Euratom Art. 10(1)).
   */
  fromConception: string | null;
  /** 10 CFR 20.1208(d)'s 0.5 mSv (fetal-limit.ts); null where the profile has no such rule. */
  declarationMarginNsv: bigint | null;
  /** A month's fetal dose above which `fetalMonthly` is raised; null: no such guidance. */
  monthlyNsv: bigint | null;
}

/** One row of the limits query: a person, a profile's limit, or a person's own limit. */
export interface LimitsRow {
  row: 'person' | 'profile' | 'own';
  person_id: string | null;
  profile: string | null;
  category: string | null;
  quantity: string | null;
  period: LimitPeriod | null;
  limit_nsv: string | null;
  since: Date | null;
  pregnancy_id: string | null;
  conceived_on: string | null;
  margin_nsv: string | null;
  monthly_nsv: string | null;
  /** A person's: date of birth (YYYY-MM-DD) and EU classification; see categoryAt. */
  date_of_birth: string | null;
  eu_category: string | null;
}

/**
 * The limits that apply to each person at `at` (DESIGN.md §5): their profile's limits for
 * their category on the facility day of `at` (categoriesFrom: a minor is an adult from the
 * 18th birthday on, when the adult annual limit applies to the whole year's dose, that before
 * the birthday included), the profile's pregnancy limits while a declared pregnancy is running,
 * and their own overrides in place of the profile's for the same quantity and period.
 * Patients have none: dose limits do not apply to medical exposure (ICRP Publication 103,
 * paragraph 180; 2013/59/Euratom art. 9 limits occupational and public exposure only).
 * One statement for any number of people. It returns each person once and each profile's
 * limits once, and the combining happens here: joined in SQL, the rows multiply and the
 * statement took many times as long (bench/README.md, "Applicable limits combined in the
 * service"). Read with applicableLimitsFrom, sent alone or with others (pipelined.ts).
 * One person is compared with `=`: prepared (`GET /people/:id/exposure`), it then gets a
 * generic plan, while `= ANY($1)` kept Postgres planning it afresh at every request, a large
 * part of the request's time in Postgres (bench/README.md, "Exposure read").
 */
export function applicableLimitsStatement(personIds: string[], at: Date): Statement {
  const [people, value] =
    personIds.length === 1
      ? ['$1::uuid', personIds[0]]
      : ['ANY($1::uuid[])', plainArray(personIds)];
  return {
    text: `WITH people AS (SELECT id, profile, category, date_of_birth, eu_category FROM person WHERE id = ${people} AND kind = 'worker'),
          pregnant AS (SELECT DISTINCT ON (person_id) person_id, id, declared_at, estimated_conception FROM pregnancy
                        WHERE person_id = ${people} AND declared_at <= $2 AND (ends_at IS NULL OR ends_at > $2)
                        ORDER BY person_id, declared_at DESC)
     SELECT 'person' AS row, p.id AS person_id, p.profile, p.category, NULL AS quantity, NULL AS period,
            NULL AS limit_nsv, g.declared_at AS since, g.id AS pregnancy_id,
            CASE WHEN d.pregnancy_from = 'conception' THEN to_char(g.estimated_conception, 'YYYY-MM-DD') END AS conceived_on,
            d.fetal_declaration_margin_nsv::text AS margin_nsv, d.fetal_monthly_nsv::text AS monthly_nsv,
            p.date_of_birth::text AS date_of_birth, p.eu_category
       FROM people p LEFT JOIN pregnant g ON g.person_id = p.id LEFT JOIN dose_profile d ON d.profile = p.profile
     UNION ALL
     SELECT 'profile', NULL, l.profile, l.category, l.quantity, l.period, l.limit_nsv::text, NULL, NULL,
            NULL, NULL, NULL, NULL, NULL
       FROM dose_limit l WHERE l.profile IN (SELECT profile FROM people)
     UNION ALL
     SELECT 'own', o.person_id, NULL, NULL, o.quantity, o.period, o.limit_nsv::text, NULL, NULL,
            NULL, NULL, NULL, NULL, NULL
       FROM person_limit o WHERE o.person_id IN (SELECT id FROM people)
     ORDER BY 1, 2 -- people by id, as before: callers write in that order (lock order)`,
    values: [value, at],
  };
}

/**
 * The limits per person from the rows of applicableLimitsStatement, `day` being the facility
 * day of its `at`.
 */
export function applicableLimitsFrom(
  rows: readonly LimitsRow[],
  day: string,
): Map<string, ApplicableLimit[]> {
  const profileRows = groupBy(
    rows.filter((row) => row.row === 'profile'),
    (row) => `${row.profile}|${row.category}`,
  );
  const categories = categoriesFrom(rows, day);
  const ownRows = groupBy(
    rows.filter((row) => row.row === 'own'),
    (row) => row.person_id as string,
  );
  const limits = new Map<string, ApplicableLimit[]>();
  for (const person of rows) {
    if (person.row !== 'person') continue;
    const personId = person.person_id as string;
    const own = (ownRows.get(personId) ?? []).map(limitOf);
    const profile = [
      ...(profileRows.get(`${person.profile}|${categories.get(personId)?.category}`) ?? []),
      // The profile's pregnancy limits, while a declared pregnancy runs.
      ...(person.since ? (profileRows.get(`${person.profile}|pregnancy`) ?? []) : []),
    ].map(limitOf);
    const pregnancy = pregnancyTerms(person);
    const list: ApplicableLimit[] = profile.map((limit) => ({
      ...limit,
      limitNsv: (own.find(sameKind(limit)) ?? limit).limitNsv,
      ...(limit.period === 'pregnancy' && pregnancy ? { pregnancy } : {}),
    }));
    // Own limits without a profile limit to replace (a pregnancy one only ever replaces).
    for (const limit of own)
      if (limit.period !== 'pregnancy' && !profile.some(sameKind(limit))) list.push(limit);
    if (list.length === 0) continue;
    sortInOrder(list, (a, b) => ascending(a.quantity, b.quantity) || ascending(a.period, b.period));
    limits.set(personId, list);
  }
  return limits;
}

/** The running declaration of a person row, with its profile's rules; undefined without one. */
function pregnancyTerms(person: LimitsRow): PregnancyTerms | undefined {
  if (!person.since || !person.pregnancy_id) return undefined;
  const nsv = (text: string | null) => (text === null ? null : BigInt(text));
  return {
    id: person.pregnancy_id,
    declaredAt: person.since,
    fromConception: person.conceived_on,
    declarationMarginNsv: nsv(person.margin_nsv),
    monthlyNsv: nsv(person.monthly_nsv),
  };
}

/** A profile or own limit row: those columns are set (LimitsRow unites three row shapes). */
function limitOf(row: LimitsRow): ApplicableLimit {
  return {
    quantity: row.quantity as string,
    period: row.period as LimitPeriod,
    limitNsv: BigInt(row.limit_nsv as string),
  };
}

const sameKind = (a: ApplicableLimit) => (b: ApplicableLimit) =>
  a.quantity === b.quantity && a.period === b.period;

/** Who a worker is on a day, for their limits and rules. */
export interface PersonCategories {
  /** The category whose limits apply that day (categoryAt). */
  category: string;
  /** `eu` classification A or B (2013/59/Euratom Art. 40), or null. */
  euCategory: string | null;
}

/**
 * Each worker's categories on the facility `day`, from the rows of applicableLimitsStatement.
 * The category their age gives them counts only where their profile has limits for it: age
 * never leaves a person with no limits at all (e.g. an RSO's `us-nrc` apprentice under 16,
 * for whom `us-nrc` has no `student` limits, keeps the apprentice's).
 */
export function categoriesFrom(
  rows: readonly LimitsRow[],
  day: string,
): Map<string, PersonCategories> {
  const withLimits = new Set(
    rows.filter((row) => row.row === 'profile').map((row) => `${row.profile}|${row.category}`),
  );
  const categories = new Map<string, PersonCategories>();
  for (const row of rows) {
    if (row.row !== 'person') continue;
    const stored = row.category as string;
    const aged = categoryAt(stored, row.date_of_birth, day);
    categories.set(row.person_id as string, {
      category: withLimits.has(`${row.profile}|${aged}`) ? aged : stored,
      euCategory: row.eu_category,
    });
  }
  return categories;
}
