import type { EntityManager } from 'typeorm';
import { pipelined, type Statement } from '../database/pipelined.js';
import { alertKey, levelRank, type AlertCandidate } from './rules/alert-candidate.js';
import type { Clearing } from './rules/badge-reading.js';
import { ascending } from '../common/sort-in-order.js';
import { toAlertMessage, type AlertMessageDto } from './dto/alert.dto.js';

/** Who resolves what a rule clears by itself. */
export const SYSTEM_ACTOR = 'system';

/**
 * Raises or escalates the candidates in one statement and returns the ids of the alerts it
 * inserted or raised to a higher level. A candidate at or below its alert's level changes
 * nothing (a repeat, a redelivery, a restart); a higher one escalates the same row and
 * re-opens it, since an acknowledgement was given for the lower level. Rows are written in key
 * order, so concurrent evaluations lock them in the same order.
 */
export async function upsertAlerts(
  manager: EntityManager,
  candidates: readonly AlertCandidate[],
): Promise<string[]> {
  const [raised] = await pipelined(manager, upsertStatements(candidates));
  return raised ? raised.rows.map((row) => row.id as string) : [];
}

/** The statement of upsertAlerts (none without candidates); its rows are the ids (`id`). */
export function upsertStatements(candidates: readonly AlertCandidate[]): Statement[] {
  const byKey = new Map<string, AlertCandidate>();
  for (const candidate of candidates) {
    const key = alertKey(candidate);
    const known = byKey.get(key);
    // One row may be proposed only once per statement: keep the highest level.
    if (!known || levelRank(candidate.level) > levelRank(known.level)) byKey.set(key, candidate);
  }
  if (byKey.size === 0) return [];
  const rows = [...byKey].sort(([a], [b]) => ascending(a, b));
  const column = <T>(pick: (candidate: AlertCandidate) => T) => rows.map(([, c]) => pick(c));
  const text = `INSERT INTO alert (key, kind, level, level_rank, person_id, badge_serial, quantity, period,
                        value_nsv, limit_nsv, detail)
     SELECT key, kind, level, level_rank, person_id, badge_serial, quantity, period,
            value_nsv, limit_nsv, detail::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::uuid[], $6::text[],
                   $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::text[])
            AS c(key, kind, level, level_rank, person_id, badge_serial, quantity, period,
                 value_nsv, limit_nsv, detail)
     ON CONFLICT (key) DO UPDATE
        SET level = EXCLUDED.level, level_rank = EXCLUDED.level_rank,
            value_nsv = EXCLUDED.value_nsv, limit_nsv = EXCLUDED.limit_nsv,
            detail = EXCLUDED.detail, updated_at = now(), state = 'open',
            resolution_published = false
      WHERE alert.level_rank < EXCLUDED.level_rank
     RETURNING id`;
  return [
    {
      text,
      values: [
        rows.map(([key]) => key),
        column((c) => c.kind),
        column((c) => c.level),
        column((c) => levelRank(c.level)),
        column((c) => c.personId),
        column((c) => c.badgeSerial),
        column((c) => c.quantity),
        column((c) => c.period),
        column((c) => c.valueNsv?.toString() ?? null),
        column((c) => c.limitNsv?.toString() ?? null),
        column((c) => (c.detail ? JSON.stringify(c.detail) : null)),
      ],
    },
  ];
}

/**
 * The statement resolving the unresolved alerts with these keys, by the system, each with its
 * reason (none without clearings).
 */
export function resolveByKeysStatements(clearings: readonly Clearing[]): Statement[] {
  if (clearings.length === 0) return [];
  const sorted = [...clearings].sort((a, b) => ascending(a.key, b.key));
  return [
    {
      text: `UPDATE alert a
                SET state = 'resolved', resolved_by = $3, resolved_at = now(), resolve_note = c.note,
                    updated_at = now()
               FROM unnest($1::text[], $2::text[]) AS c(key, note)
              WHERE a.key = c.key AND a.state <> 'resolved'
          RETURNING a.id`,
      values: [sorted.map((c) => c.key), sorted.map((c) => c.note), SYSTEM_ACTOR],
    },
  ];
}

/** An alert this process won the right to publish, with the badges to send it to. */
export interface ClaimedAlert {
  id: string;
  kind: string;
  level: string;
  person_id: string | null;
  badge_serial: string | null;
  quantity: string | null;
  period: string | null;
  value_nsv: string | null;
  limit_nsv: string | null;
  raised_at: Date;
  updated_at: Date;
  state: string;
  badges: string[];
}

/** The alert object (DESIGN.md §6) of an alert row read as a ClaimedAlert's columns. */
export function messageOfRow(row: Omit<ClaimedAlert, 'badges' | 'updated_at'>): AlertMessageDto {
  return toAlertMessage({
    id: row.id,
    kind: row.kind,
    level: row.level,
    personId: row.person_id,
    badgeSerial: row.badge_serial,
    quantity: row.quantity,
    period: row.period,
    valueNsv: row.value_nsv === null ? null : BigInt(row.value_nsv),
    limitNsv: row.limit_nsv === null ? null : BigInt(row.limit_nsv),
    raisedAt: row.raised_at,
    state: row.state,
  });
}

/** The columns of a ClaimedAlert, read from a CTE `c` of changed alert rows. */
export const CLAIMED_COLUMNS = `c.id, c.kind, c.level, c.person_id, c.badge_serial, c.quantity, c.period,
  c.value_nsv::text AS value_nsv, c.limit_nsv::text AS limit_nsv, c.raised_at, c.updated_at, c.state,
  CASE WHEN c.badge_serial IS NOT NULL THEN ARRAY[c.badge_serial]
       ELSE ARRAY(SELECT w.badge_serial FROM badge_assignment w
                   WHERE w.person_id = c.person_id AND w.valid_from <= now()
                     AND (w.valid_to IS NULL OR w.valid_to > now())
                   ORDER BY w.badge_serial) END AS badges`;

/** A claimed level of an alert resolved meanwhile goes out resolved: that is its resolution. */
const SENDS_RESOLUTION = `resolution_published = resolution_published OR state = 'resolved'`;

/**
 * Claims the alerts' current levels for publication: only the caller whose UPDATE moved
 * `published_rank` up to the level publishes it, so two replicas, a retry or a restart never
 * send the same level twice. Badge kinds go to their badge; person kinds to every badge the
 * person wears now.
 */
export async function claimForPublication(
  manager: EntityManager,
  ids: readonly string[],
): Promise<ClaimedAlert[]> {
  if (ids.length === 0) return [];
  return manager.query<ClaimedAlert[]>(
    `WITH c AS (UPDATE alert SET published_rank = level_rank, ${SENDS_RESOLUTION}
                 WHERE id = ANY($1::uuid[]) AND published_rank < level_rank RETURNING *)
     SELECT ${CLAIMED_COLUMNS} FROM c ORDER BY c.updated_at, c.id`,
    [ids],
  );
}

/**
 * Claims resolutions for publication (DESIGN.md §6: a resolved alert goes out again with
 * `state: resolved`): only the caller whose UPDATE set `resolution_published` sends it, so a
 * resolution goes out once across replicas and restarts. `ids`: these alerts (after the commit
 * that resolved them); a number of seconds: any resolved longer ago and left unsent (the
 * schedule's sweep; the resolving process gets to its own first).
 */
export async function claimResolutions(
  manager: EntityManager,
  which: readonly string[] | number,
  limit = 1_000,
): Promise<ClaimedAlert[]> {
  if (typeof which !== 'number' && which.length === 0) return [];
  const [ids, graceSeconds] = typeof which === 'number' ? [null, which] : [which, null];
  return manager.query<ClaimedAlert[]>(
    `WITH c AS (UPDATE alert SET resolution_published = true
                 WHERE id IN (SELECT id FROM alert
                               WHERE state = 'resolved' AND NOT resolution_published
                                 AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
                                 AND ($2::int IS NULL OR updated_at < now() - make_interval(secs => $2))
                               ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                   AND state = 'resolved' AND NOT resolution_published
               RETURNING *)
     SELECT ${CLAIMED_COLUMNS} FROM c ORDER BY c.updated_at, c.id`,
    [ids, graceSeconds, limit],
  );
}

/**
 * Claims alerts raised or escalated but never published (the process stopped between the
 * commit and the claim), older than `graceSeconds` so the raising process gets to them first.
 */
export async function claimUnpublished(
  manager: EntityManager,
  graceSeconds: number,
  limit = 1_000,
): Promise<ClaimedAlert[]> {
  return manager.query<ClaimedAlert[]>(
    `WITH c AS (UPDATE alert SET published_rank = level_rank, ${SENDS_RESOLUTION}
                 WHERE id IN (SELECT id FROM alert
                               WHERE published_rank < level_rank
                                 AND updated_at < now() - make_interval(secs => $1)
                               ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                   AND published_rank < level_rank
               RETURNING *)
     SELECT ${CLAIMED_COLUMNS} FROM c ORDER BY c.updated_at, c.id`,
    [graceSeconds, limit],
  );
}
