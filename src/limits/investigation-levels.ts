import { groupBy } from '../common/group-by.js';
import type { Quantity } from '../common/quantities.js';
import { plainArray } from '../database/array-literal.js';
import type { Statement } from '../database/pipelined.js';

/** The quantities with ALARA investigation levels (DESIGN.md §5); the schema checks the same. */
export const ALARA_QUANTITIES = [
  'effective',
  'eyeLens',
  'skin',
  'extremity',
] as const satisfies Quantity[];
export type AlaraQuantity = (typeof ALARA_QUANTITIES)[number];

/** Level I asks for a review, Level II for an investigation (DESIGN.md §5). */
export type InvestigationLevel = 'I' | 'II';

/** A profile's two investigation levels for one quantity: dose within one calendar quarter. */
export interface InvestigationLevels {
  quantity: string;
  levelINsv: bigint;
  levelIINsv: bigint;
}

/** The highest level a quarter's dose has reached (at or above it), with that level's dose. */
export function investigationLevelReached(
  quarterNsv: bigint,
  levels: InvestigationLevels,
): { level: InvestigationLevel; levelNsv: bigint } | undefined {
  if (quarterNsv >= levels.levelIINsv) return { level: 'II', levelNsv: levels.levelIINsv };
  if (quarterNsv >= levels.levelINsv) return { level: 'I', levelNsv: levels.levelINsv };
  return undefined;
}

/** One row of investigationLevelsStatement: a person and their profile, or a profile's levels. */
export interface InvestigationLevelsRow {
  row: 'person' | 'levels';
  person_id: string | null;
  profile: string;
  quantity: string | null;
  level_i_nsv: string | null;
  level_ii_nsv: string | null;
}

/**
 * The investigation levels of each worker's profile (patients have none: DESIGN.md §5 keeps
 * ALARA levels for occupational dose). Like applicableLimitsStatement, it returns each person
 * once and each profile's levels once, for any number of people, and the combining happens in
 * investigationLevelsFrom: joined in SQL, every person would repeat every level.
 */
export function investigationLevelsStatement(personIds: readonly string[]): Statement {
  return {
    text: `WITH people AS (SELECT id, profile FROM person WHERE id = ANY($1::uuid[]) AND kind = 'worker')
     SELECT 'person' AS row, id AS person_id, profile, NULL AS quantity, NULL AS level_i_nsv,
            NULL AS level_ii_nsv
       FROM people
     UNION ALL
     SELECT 'levels', NULL, a.profile, a.quantity, a.level_i_nsv::text, a.level_ii_nsv::text
       FROM alara_level a WHERE a.profile IN (SELECT profile FROM people)`,
    values: [plainArray(personIds)],
  };
}

/** The levels per person from the rows of investigationLevelsStatement (no entry: none). */
export function investigationLevelsFrom(
  rows: readonly InvestigationLevelsRow[],
): Map<string, InvestigationLevels[]> {
  const byProfile = groupBy(
    rows.filter((row) => row.row === 'levels'),
    (row) => row.profile,
  );
  const levels = new Map<string, InvestigationLevels[]>();
  for (const person of rows) {
    if (person.row !== 'person') continue;
    const own = (byProfile.get(person.profile) ?? []).map((row) => ({
      quantity: row.quantity as string,
      levelINsv: BigInt(row.level_i_nsv as string),
      levelIINsv: BigInt(row.level_ii_nsv as string),
    }));
    if (own.length > 0) levels.set(person.person_id as string, own);
  }
  return levels;
}
