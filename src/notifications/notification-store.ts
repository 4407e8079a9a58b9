import type { EntityManager } from 'typeorm';
import { messageOfRow, type ClaimedAlert } from '../alerts/alert-store.js';
import type { NotifiedAlert } from './notification-content.js';
import type { Delivery } from './channels.js';
import type { NotificationRuleDto } from './notification-rule.dto.js';
import { releaseTime } from './quiet-hours.js';

/** Outbox rows expanded into notifications per run, oldest first. */
const OUTBOX_BATCH = 200;

interface OutboxRow {
  alert_id: string;
  level: string;
  kind: string;
}

/** A notification_rule row as read (times as `HH:MM`). */
export interface RuleRow extends Pick<
  NotificationRuleDto,
  'id' | 'name' | 'kinds' | 'levels' | 'channel' | 'target'
> {
  quiet_from: string | null;
  quiet_to: string | null;
  escalate_after_minutes: number | null;
  created_by: string;
  created_at: Date;
}

/** The columns of a RuleRow; never the secret. */
export const RULE_COLUMNS = `id, name, kinds, levels, channel, target, to_char(quiet_from, 'HH24:MI') AS quiet_from,
  to_char(quiet_to, 'HH24:MI') AS quiet_to, escalate_after_minutes, created_by, created_at`;

/**
 * Each live rule's addresses (`rule_id`, `channel`, `target`): its own address or webhook, or
 * the e-mail of its login or of every login of its role, disabled logins left out.
 */
const RECIPIENTS = `
  SELECT r.id AS rule_id, r.channel, r.target FROM notification_rule r
   WHERE r.deleted_at IS NULL AND r.channel IN ('email', 'webhook')
  UNION
  SELECT r.id, 'email', c.email FROM notification_rule r
    JOIN app_user u ON (r.channel = 'user' AND u.id::text = r.target)
                    OR (r.channel = 'role' AND u.role = r.target)
    JOIN notification_contact c ON c.user_id = u.id
   WHERE r.deleted_at IS NULL AND u.disabled_at IS NULL`;

/**
 * Turns alert levels reached (outbox rows the alert's own transaction wrote) into one
 * notification per matching rule's recipient. The rows are claimed FOR UPDATE SKIP LOCKED, so
 * two replicas expand different ones; a recipient already notified of that level (unique
 * key) is not notified again. Quiet hours set a later first try for `notice` and `warning`.
 */
export async function expandOutbox(
  manager: EntityManager,
  now: Date,
  timeZone: string,
): Promise<number> {
  const levels = await manager.query<OutboxRow[]>(
    `SELECT o.alert_id, o.level, a.kind FROM notification_outbox o JOIN alert a ON a.id = o.alert_id
      WHERE o.expanded_at IS NULL ORDER BY o.raised_at LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
    [OUTBOX_BATCH],
  );
  if (levels.length === 0) return 0;
  const rules = await manager.query<
    Pick<RuleRow, 'id' | 'kinds' | 'levels' | 'channel' | 'target' | 'quiet_from' | 'quiet_to'>[]
  >(
    `SELECT r.id, r.kinds, r.levels, t.channel, t.target, to_char(r.quiet_from, 'HH24:MI') AS quiet_from,
            to_char(r.quiet_to, 'HH24:MI') AS quiet_to
       FROM notification_rule r JOIN (${RECIPIENTS}) t ON t.rule_id = r.id
      WHERE r.escalate_after_minutes IS NULL ORDER BY r.id, t.channel, t.target`,
  );
  const rows = levels.flatMap((level) =>
    rules
      .filter(
        (rule) =>
          rule.levels.includes(level.level) &&
          (rule.kinds.length === 0 || rule.kinds.includes(level.kind)),
      )
      .map((rule) => {
        const quiet =
          rule.quiet_from && rule.quiet_to
            ? { from: rule.quiet_from, to: rule.quiet_to }
            : undefined;
        return { level, rule, at: releaseTime(now, level.level, quiet, timeZone) };
      }),
  );
  await manager.query(
    `INSERT INTO notification (alert_id, level, rule_id, channel, target, next_attempt_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[])
     ORDER BY 1, 2, 4, 5
     ON CONFLICT ON CONSTRAINT notification_once_key DO NOTHING`,
    [
      rows.map((row) => row.level.alert_id),
      rows.map((row) => row.level.level),
      rows.map((row) => row.rule.id),
      rows.map((row) => row.rule.channel),
      rows.map((row) => row.rule.target),
      rows.map((row) => row.at.toISOString()),
    ],
  );
  await manager.query(
    `UPDATE notification_outbox o SET expanded_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS c(alert_id, level)
      WHERE o.alert_id = c.alert_id AND o.level = c.level`,
    [levels.map((level) => level.alert_id), levels.map((level) => level.level)],
  );
  return levels.length;
}

/**
 * Escalation: each `critical` alert still open (not acknowledged, not resolved) longer than an
 * escalation rule's minutes since it became critical goes to that rule's recipient, once.
 */
export async function escalate(manager: EntityManager, now: Date): Promise<number> {
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO notification (alert_id, level, rule_id, channel, target, escalation)
     SELECT a.id, a.level, r.id, t.channel, t.target, true
       FROM notification_rule r
       JOIN (${RECIPIENTS}) t ON t.rule_id = r.id
       JOIN alert a ON a.state = 'open' AND a.level = 'critical'
                   AND (cardinality(r.kinds) = 0 OR a.kind = ANY(r.kinds))
       JOIN notification_outbox o ON o.alert_id = a.id AND o.level = a.level
      WHERE r.deleted_at IS NULL AND r.escalate_after_minutes IS NOT NULL
        AND o.raised_at <= $1::timestamptz - make_interval(mins => r.escalate_after_minutes)
      ORDER BY a.id, t.channel, t.target
     ON CONFLICT ON CONSTRAINT notification_once_key DO NOTHING
     RETURNING id`,
    [now.toISOString()],
  );
  return inserted.length;
}

/** A notification claimed for delivery, with what was tried before. */
export interface ClaimedNotification extends Delivery {
  id: string;
  attempts: number;
}

/**
 * Claims the oldest notification due at `now` for the caller's transaction: FOR UPDATE SKIP
 * LOCKED, so while the transaction lasts (the send included) no other replica takes it, and a
 * process that stops before its commit leaves it pending for the next.
 */
export async function claimDue(
  manager: EntityManager,
  now: Date,
): Promise<ClaimedNotification | undefined> {
  const [row] = await manager.query<
    {
      id: string;
      alert_id: string;
      level: string;
      channel: 'email' | 'webhook';
      target: string;
      secret: string | null;
      escalation: boolean;
      attempts: number;
    }[]
  >(
    `SELECT n.id, n.alert_id, n.level, n.channel, n.target, r.secret, n.escalation, n.attempts
       FROM notification n JOIN notification_rule r ON r.id = n.rule_id
      WHERE n.state = 'pending' AND n.next_attempt_at <= $1
      ORDER BY n.next_attempt_at, n.id LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
    [now.toISOString()],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    alertId: row.alert_id,
    level: row.level,
    channel: row.channel,
    target: row.target,
    secret: row.secret,
    escalation: row.escalation,
    attempts: row.attempts,
  };
}

/** The alert as notifications tell it, with its person's name and kind. */
export async function loadNotifiedAlert(
  manager: EntityManager,
  alertId: string,
): Promise<NotifiedAlert> {
  const [row] = await manager.query<
    (Omit<ClaimedAlert, 'badges' | 'updated_at'> & {
      person_name: string | null;
      person_kind: string | null;
    })[]
  >(
    `SELECT a.id, a.kind, a.level, a.person_id, a.badge_serial, a.quantity, a.period,
            a.value_nsv::text AS value_nsv, a.limit_nsv::text AS limit_nsv, a.raised_at, a.state,
            p.name AS person_name, p.kind AS person_kind
       FROM alert a LEFT JOIN person p ON p.id = a.person_id WHERE a.id = $1`,
    [alertId],
  );
  return {
    message: messageOfRow(row),
    personName: row.person_kind === 'patient' ? undefined : (row.person_name ?? undefined),
    personKind: row.person_kind ?? undefined,
  };
}

/** Records one try: delivered, or failed with the next try's time (none: given up). */
export async function recordAttempt(
  manager: EntityManager,
  notification: ClaimedNotification,
  at: Date,
  outcome: { error?: string; retryAt?: Date },
): Promise<void> {
  const attempt = notification.attempts + 1;
  const ok = outcome.error === undefined;
  await manager.query(
    `INSERT INTO notification_attempt (notification_id, attempt, at, ok, error)
     VALUES ($1, $2, $3, $4, $5)`,
    [notification.id, attempt, at.toISOString(), ok, outcome.error ?? null],
  );
  await manager.query(
    `UPDATE notification
        SET attempts = $2, last_error = $3,
            state = CASE WHEN $4::boolean THEN 'delivered' WHEN $5::timestamptz IS NULL THEN 'failed'
                         ELSE 'pending' END,
            delivered_at = CASE WHEN $4::boolean THEN $6::timestamptz END,
            next_attempt_at = COALESCE($5::timestamptz, next_attempt_at)
      WHERE id = $1`,
    [
      notification.id,
      attempt,
      outcome.error ?? null,
      ok,
      outcome.retryAt?.toISOString() ?? null,
      at.toISOString(),
    ],
  );
}
