import type { Statement } from '../database/pipelined.js';
import { plainArray, textArray } from '../database/array-literal.js';
import { ascending } from '../common/sort-in-order.js';
import { CLAIMED_COLUMNS, SYSTEM_ACTOR } from './alert-store.js';
import { alertKey, levelRank, type AlertCandidate } from './rules/alert-candidate.js';

/**
 * Alerts that a decrease left behind (DESIGN.md §6): after a person's dose or limits changed
 * outside ingestion (a corrected assignment, a negative adjustment, a raised limit), an open
 * dose alert the rules judged again either no longer holds — resolved by the system — or
 * holds at a lower level — lowered in place. `judged`: the keys the rules looked at
 * (doseRuleKeys); `candidates`: what they raised for them. Each statement answers the alerts it
 * changed as ClaimedAlert rows: the transaction that changed them is the one that sends them
 * (so it marks a resolution published itself).
 *
 * A resolved alert's rank drops to 0, so the same period reaching a level again re-opens it
 * (alert-store.ts upserts only above the stored rank); its `level` stays the last one it had.
 */
export function recedingStatements(
  judged: readonly string[],
  candidates: readonly AlertCandidate[],
): Statement[] {
  if (judged.length === 0) return [];
  const judgedKeys = new Set(judged);
  const held = new Map<string, AlertCandidate>();
  for (const candidate of candidates) {
    const key = alertKey(candidate);
    if (!judgedKeys.has(key)) continue;
    const known = held.get(key);
    if (!known || levelRank(candidate.level) > levelRank(known.level)) held.set(key, candidate);
  }
  // Written in key order, as upsertStatements does, so evaluations lock rows alike.
  const stillHeld = [...held].sort(([a], [b]) => ascending(a, b));
  const statements: Statement[] = [
    {
      text: `WITH c AS (
         UPDATE alert a SET state = 'resolved', resolved_by = $3, resolved_at = now(), updated_at = now(),
                resolve_note = 'No longer reached: the dose or the limit changed',
                level_rank = 0, published_rank = 0, resolution_published = true
          WHERE a.key = ANY($1::text[]) AND NOT (a.key = ANY($2::text[])) AND a.state <> 'resolved'
         RETURNING a.*)
       SELECT ${CLAIMED_COLUMNS} FROM c ORDER BY c.key`,
      values: [
        textArray([...judgedKeys].sort(ascending)),
        textArray([...held.keys()]),
        SYSTEM_ACTOR,
      ],
    },
  ];
  if (stillHeld.length === 0) return statements;
  statements.push({
    text: `WITH c AS (
         UPDATE alert a SET level = n.level, level_rank = n.level_rank, published_rank = n.level_rank,
                value_nsv = n.value_nsv, limit_nsv = n.limit_nsv, updated_at = now()
           FROM unnest($1::text[], $2::text[], $3::smallint[], $4::bigint[], $5::bigint[])
                AS n(key, level, level_rank, value_nsv, limit_nsv)
          WHERE a.key = n.key AND a.state <> 'resolved' AND a.level_rank > n.level_rank
         RETURNING a.*)
       SELECT ${CLAIMED_COLUMNS} FROM c ORDER BY c.key`,
    values: [
      textArray(stillHeld.map(([key]) => key)),
      textArray(stillHeld.map(([, c]) => c.level)),
      plainArray(stillHeld.map(([, c]) => levelRank(c.level))),
      plainArray(stillHeld.map(([, c]) => c.valueNsv)),
      plainArray(stillHeld.map(([, c]) => c.limitNsv)),
    ],
  });
  return statements;
}
