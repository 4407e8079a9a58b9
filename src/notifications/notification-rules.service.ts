import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEmail, isURL, isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ROLES, type Caller } from '../audit/caller.js';
import type {
  AlertNotificationDto,
  CreateNotificationRuleDto,
  NotificationRuleDto,
} from './notification-rule.dto.js';
import { RULE_COLUMNS, type RuleRow } from './notification-store.js';

const toRuleDto = (row: RuleRow): NotificationRuleDto => ({
  id: row.id,
  name: row.name,
  kinds: row.kinds,
  levels: row.levels,
  channel: row.channel,
  target: row.target,
  quietFrom: row.quiet_from,
  quietTo: row.quiet_to,
  escalateAfterMinutes: row.escalate_after_minutes,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

/** The RSO's notification rules, each change audited in its transaction. */
@Injectable()
export class NotificationRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<NotificationRuleDto[]> {
    const rows = await this.dataSource.query<RuleRow[]>(
      `SELECT ${RULE_COLUMNS} FROM notification_rule WHERE deleted_at IS NULL ORDER BY created_at, id`,
    );
    return rows.map(toRuleDto);
  }

  async create(caller: Caller, rule: CreateNotificationRuleDto): Promise<NotificationRuleDto> {
    if (rule.channel === 'email' && !isEmail(rule.target))
      throw new BadRequestException('target must be an e-mail address for channel email');
    if (
      rule.channel === 'webhook' &&
      !isURL(rule.target, {
        protocols: ['http', 'https'],
        require_protocol: true,
        require_tld: false,
      })
    )
      throw new BadRequestException('target must be an http(s) URL for channel webhook');
    if (rule.channel === 'role' && !(ROLES as readonly string[]).includes(rule.target))
      throw new BadRequestException(`target must be a role (${ROLES.join(', ')}) for channel role`);
    if (rule.channel === 'user') await this.assertLogin(rule.target);
    if (rule.channel !== 'webhook' && rule.secret !== undefined)
      throw new BadRequestException('secret is for webhooks only');
    // An escalation step is for `critical` alerts only: the rest wait for the RSO's day.
    const levels = rule.escalateAfterMinutes === undefined ? (rule.levels ?? []) : ['critical'];
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<RuleRow[]>(
        `INSERT INTO notification_rule (name, kinds, levels, channel, target, secret, quiet_from, quiet_to,
                                        escalate_after_minutes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${RULE_COLUMNS}`,
        [
          rule.name,
          rule.kinds ?? [],
          levels,
          rule.channel,
          rule.target,
          rule.secret ?? null,
          rule.quietFrom ?? null,
          rule.quietTo ?? null,
          rule.escalateAfterMinutes ?? null,
          caller.username,
        ],
      );
      const created = toRuleDto(row);
      await this.audit.record(manager, {
        caller,
        action: 'notificationRule.create',
        entity: 'notification_rule',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }

  /** Ends a rule: kept, marked deleted, so the notifications it sent stay explained. */
  async remove(caller: Caller, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // A CTE, so the answer is the rows (a bare UPDATE answers [rows, count] in TypeORM).
      const [row] = await manager.query<RuleRow[]>(
        `WITH deleted AS (UPDATE notification_rule SET deleted_at = now(), deleted_by = $2
                           WHERE id = $1 AND deleted_at IS NULL RETURNING *)
         SELECT ${RULE_COLUMNS} FROM deleted`,
        [id, caller.username],
      );
      if (!row) throw new NotFoundException(`No notification rule ${id}`);
      await this.audit.record(manager, {
        caller,
        action: 'notificationRule.delete',
        entity: 'notification_rule',
        entityId: id,
        before: toRuleDto(row),
      });
    });
  }

  /** Sets the e-mail address of a login for rules naming it or its role; audited. */
  async setContact(
    caller: Caller,
    userId: string,
    email: string,
  ): Promise<{ userId: string; email: string }> {
    if (!isEmail(email)) throw new BadRequestException('email must be an e-mail address');
    await this.assertLogin(userId);
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.query<{ email: string }[]>(
        `SELECT email FROM notification_contact WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
      await manager.query(
        `INSERT INTO notification_contact (user_id, email) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`,
        [userId, email],
      );
      const contact = { userId, email };
      await this.audit.record(manager, {
        caller,
        action: 'notificationContact.set',
        entity: 'app_user',
        entityId: userId,
        before: before[0] ? { userId, email: before[0].email } : undefined,
        after: contact,
      });
      return contact;
    });
  }

  async contacts(): Promise<{ userId: string; username: string; email: string }[]> {
    return this.dataSource.query(
      `SELECT c.user_id AS "userId", u.username, c.email
         FROM notification_contact c JOIN app_user u ON u.id = c.user_id ORDER BY u.username`,
    );
  }

  private async assertLogin(id: string): Promise<void> {
    const found = isUUID(id)
      ? await this.dataSource.query<unknown[]>(`SELECT 1 FROM app_user WHERE id = $1`, [id])
      : [];
    if (found.length === 0) throw new BadRequestException(`No login ${id}`);
  }

  /** An alert's notifications, each with its tries, oldest first. */
  async ofAlert(alertId: string): Promise<AlertNotificationDto[]> {
    const [alert] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM alert WHERE id = $1`,
      [alertId],
    );
    if (!alert) throw new NotFoundException(`No alert ${alertId}`);
    const rows = await this.dataSource.query<
      (Omit<AlertNotificationDto, 'nextAttemptAt' | 'deliveredAt' | 'createdAt'> & {
        next_attempt_at: Date;
        delivered_at: Date | null;
        created_at: Date;
      })[]
    >(
      `SELECT n.id, n.level, n.channel, n.target, n.escalation, n.state, n.next_attempt_at,
              n.delivered_at, n.created_at,
              COALESCE((SELECT json_agg(json_build_object('attempt', t.attempt, 'at', t.at, 'ok', t.ok,
                                                         'error', t.error) ORDER BY t.attempt)
                          FROM notification_attempt t WHERE t.notification_id = n.id), '[]') AS attempts
         FROM notification n WHERE n.alert_id = $1 ORDER BY n.created_at, n.id`,
      [alertId],
    );
    return rows.map((row) => ({
      id: row.id,
      level: row.level,
      channel: row.channel,
      target: row.target,
      escalation: row.escalation,
      state: row.state,
      attempts: row.attempts.map((t) => ({ ...t, at: new Date(t.at).toISOString() })),
      nextAttemptAt: row.state === 'pending' ? row.next_attempt_at.toISOString() : null,
      deliveredAt: row.delivered_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
