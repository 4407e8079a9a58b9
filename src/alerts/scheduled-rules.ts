import type { EntityManager } from 'typeorm';
import { addDays } from '../calendar/days.js';
import { CALIBRATION_DUE_SOON_DAYS } from '../limits/alert-thresholds.js';
import { SYSTEM_ACTOR } from './alert-store.js';
import type { AssignedBadge } from './rules/badge-silent.js';
import { alertKey, type AlertCandidate } from './rules/alert-candidate.js';
import type { Clearing } from './rules/badge-reading.js';
import type { WornNow } from './rules/monitoring-gap.js';
import type { BadgeCalibration } from './rules/calibration-due.js';
import type { KnownGap, SeqNeighbours } from './rules/seq-gap.js';
import { textArray } from '../database/array-literal.js';
import { pipelined, type Statement } from '../database/pipelined.js';

/** Sets an alert row resolved by the system (the caller adds FROM/WHERE). */
const RESOLVE = `UPDATE alert a SET state = 'resolved', resolved_by = '${SYSTEM_ACTOR}',
                   resolved_at = now(), updated_at = now()`;
const UNRESOLVED = `a.state IN ('open', 'acknowledged')`;
const ASSIGNED_AT = (at: string) =>
  `w.valid_from <= ${at} AND (w.valid_to IS NULL OR w.valid_to > ${at})`;

/** Active badges with an open assignment, quiet since before `quietBefore`. */
export async function loadSilentBadges(
  manager: EntityManager,
  now: Date,
  quietBefore: Date,
): Promise<AssignedBadge[]> {
  const rows = await manager.query<
    { serial: string; person_id: string; last_seen_at: Date | null; valid_from: Date }[]
  >(
    `SELECT b.serial, w.person_id, b.last_seen_at, w.valid_from
       FROM badge b JOIN badge_assignment w ON w.badge_serial = b.serial AND ${ASSIGNED_AT('$1')}
      WHERE b.status = 'active' AND greatest(b.last_seen_at, w.valid_from) < $2`,
    [now, quietBefore],
  );
  return rows.map((r) => ({
    serial: r.serial,
    personId: r.person_id,
    lastSeenAt: r.last_seen_at,
    assignedFrom: r.valid_from,
  }));
}

/**
 * Resolves `badgeSilent` alerts of badges seen since they went quiet, or no longer active and
 * assigned. `serials`: only those badges (after ingestion); null: all (the schedule).
 */
export async function resolveSilentBadges(
  manager: EntityManager,
  now: Date,
  serials: readonly string[] | null,
): Promise<string[]> {
  const [result] = await pipelined(manager, resolveSilentStatements(now, serials));
  return result ? result.rows.map((row) => row.id as string) : [];
}

/** The statement of resolveSilentBadges (none for an empty list of serials). */
export function resolveSilentStatements(now: Date, serials: readonly string[] | null): Statement[] {
  if (serials?.length === 0) return [];
  return [
    {
      text: `${RESOLVE}, resolve_note = CASE WHEN b.last_seen_at > (a.detail->>'silentSince')::timestamptz
                                      THEN 'Badge seen again at ' || to_char(b.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                                      ELSE 'Badge no longer active and assigned' END
       FROM badge b
      WHERE a.kind = 'badgeSilent' AND ${UNRESOLVED} AND b.serial = a.badge_serial
        AND ($2::text[] IS NULL OR a.badge_serial = ANY($2::text[]))
        AND (b.last_seen_at > (a.detail->>'silentSince')::timestamptz OR b.status <> 'active'
             OR NOT EXISTS (SELECT 1 FROM badge_assignment w
                             WHERE w.badge_serial = b.serial AND ${ASSIGNED_AT('$1')}))
      RETURNING a.id`,
      values: [now, serials === null ? null : textArray(serials)],
    },
  ];
}

/** Candidate gaps confirmed per scheduled run (a run every 30 s); the rest wait for the next. */
const GAP_CANDIDATES_PER_RUN = 5000;

/**
 * The seq gap candidates that ingestion recorded (seq-gap-candidate.entity.ts) whose reading
 * arrived `alertAfterMs` (SEQ_GAP_ALERT_AFTER) ago or more, each with the seq stored below it
 * now (a late reading may have filled the gap, or part of it), and removes them: each is
 * judged once.
 */
export async function takeDueGapCandidates(
  manager: EntityManager,
  now: Date,
  alertAfterMs: number,
): Promise<SeqNeighbours[]> {
  const rows = await manager.query<
    {
      serial: string;
      seq: string;
      previous_seq: string;
      received_at: Date;
      person_id: string | null;
    }[]
  >(
    // Every due candidate is removed; those with no reading below any more yield no row.
    `WITH due AS (SELECT c.badge_serial, c.seq, r.received_at, r.person_id,
                         (SELECT max(p.seq) FROM reading p
                           WHERE p.badge_serial = c.badge_serial AND p.seq < c.seq) AS previous_seq
                    FROM seq_gap_candidate c
                    JOIN reading r ON r.badge_serial = c.badge_serial AND r.seq = c.seq
                   WHERE r.received_at <= $1
                   ORDER BY r.received_at LIMIT $2),
          taken AS (DELETE FROM seq_gap_candidate c USING due
                     WHERE c.badge_serial = due.badge_serial AND c.seq = due.seq)
     SELECT badge_serial AS serial, seq::text, previous_seq::text, received_at, person_id
       FROM due WHERE previous_seq IS NOT NULL`,
    [new Date(now.getTime() - alertAfterMs), GAP_CANDIDATES_PER_RUN],
  );
  return rows.map((r) => ({
    serial: r.serial,
    seq: BigInt(r.seq),
    previousSeq: BigInt(r.previous_seq),
    receivedAt: r.received_at,
    personId: r.person_id,
  }));
}

/** Resolves `seqGap` alerts whose every missing seq has arrived since; answers their ids. */
export async function resolveFilledGaps(manager: EntityManager): Promise<string[]> {
  const [rows] = await manager.query<[{ id: string }[], number]>(
    `${RESOLVE}, resolve_note = 'Gap filled: every missing reading arrived'
      WHERE a.kind = 'seqGap' AND ${UNRESOLVED}
        AND (SELECT count(*) FROM reading r
              WHERE r.badge_serial = a.badge_serial
                AND r.seq BETWEEN (a.detail->>'firstMissing')::bigint AND (a.detail->>'lastMissing')::bigint)
            = (a.detail->>'lastMissing')::bigint - (a.detail->>'firstMissing')::bigint + 1
      RETURNING a.id`,
  );
  return rows.map((row) => row.id);
}

export async function loadKnownGaps(manager: EntityManager): Promise<KnownGap[]> {
  const rows = await manager.query<{ serial: string; first: string; last: string }[]>(
    `SELECT a.badge_serial AS serial, a.detail->>'firstMissing' AS first, a.detail->>'lastMissing' AS last
       FROM alert a WHERE a.kind = 'seqGap' AND ${UNRESOLVED}`,
  );
  return rows.map((r) => ({
    serial: r.serial,
    firstMissing: BigInt(r.first),
    lastMissing: BigInt(r.last),
  }));
}

/** Active badges due for calibration within CALIBRATION_DUE_SOON_DAYS of today, or past due. */
export async function loadCalibrationsDue(
  manager: EntityManager,
  now: Date,
  today: string,
): Promise<BadgeCalibration[]> {
  const rows = await manager.query<{ serial: string; due: string; person_id: string | null }[]>(
    `SELECT b.serial, to_char(b.calibration_due, 'YYYY-MM-DD') AS due, w.person_id
       FROM badge b LEFT JOIN badge_assignment w ON w.badge_serial = b.serial AND ${ASSIGNED_AT('$1')}
      WHERE b.status = 'active' AND b.calibration_due <= $2::date`,
    [now, addDays(today, CALIBRATION_DUE_SOON_DAYS)],
  );
  return rows.map((r) => ({ serial: r.serial, calibrationDue: r.due, personId: r.person_id }));
}

/**
 * Resolves `calibrationDue` alerts of badges recalibrated (a new due day) or taken out of use;
 * answers their ids.
 */
export async function resolveCalibrated(manager: EntityManager): Promise<string[]> {
  const [rows] = await manager.query<[{ id: string }[], number]>(
    `${RESOLVE}, resolve_note = CASE WHEN b.status <> 'active' THEN 'Badge ' || b.status
                                      ELSE 'Calibration due ' || coalesce(to_char(b.calibration_due, 'YYYY-MM-DD'), 'cleared') END
       FROM badge b
      WHERE a.kind = 'calibrationDue' AND ${UNRESOLVED} AND b.serial = a.badge_serial
        AND (b.status <> 'active' OR b.calibration_due IS NULL
             OR a.period <> 'due:' || to_char(b.calibration_due, 'YYYY-MM-DD'))
      RETURNING a.id`,
  );
  return rows.map((row) => row.id);
}

/**
 * Every worker wearing a badge or with a running declared pregnancy at `now`: what they wear
 * (monitoring-gap.ts).
 */
export async function loadWornNow(manager: EntityManager, now: Date): Promise<WornNow[]> {
  const rows = await manager.query<
    {
      person_id: string;
      locations: string[] | null;
      apron: boolean | null;
      since: Date | null;
      pregnancy_id: string | null;
    }[]
  >(
    `WITH worn AS (SELECT w.person_id, array_agg(DISTINCT b.body_location) AS locations,
                          bool_or(w.apron) AS apron, max(w.valid_from) AS since
                     FROM badge_assignment w JOIN badge b ON b.serial = w.badge_serial
                    WHERE ${ASSIGNED_AT('$1')} GROUP BY w.person_id),
          pregnant AS (SELECT person_id, id FROM pregnancy
                        WHERE declared_at <= $1 AND (ends_at IS NULL OR ends_at > $1))
     SELECT coalesce(worn.person_id, pregnant.person_id) AS person_id, worn.locations, worn.apron,
            worn.since, pregnant.id AS pregnancy_id
       FROM worn FULL JOIN pregnant ON pregnant.person_id = worn.person_id`,
    [now],
  );
  return rows.map((r) => ({
    personId: r.person_id,
    locations: new Set(r.locations ?? []),
    apron: r.apron === true,
    since: r.since,
    pregnancyId: r.pregnancy_id,
  }));
}

/** The open `monitoringGap` alerts none of `candidates` stands for any more: the gap closed. */
export async function monitoringGapClearings(
  manager: EntityManager,
  candidates: readonly AlertCandidate[],
): Promise<Clearing[]> {
  const current = new Set(candidates.map(alertKey));
  const open = await manager.query<{ key: string }[]>(
    `SELECT a.key FROM alert a WHERE a.kind = 'monitoringGap' AND ${UNRESOLVED}`,
  );
  return open
    .filter((row) => !current.has(row.key))
    .map((row) => ({ key: row.key, note: 'Gap closed: the part is monitored again' }));
}
