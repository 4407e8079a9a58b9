import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ALERT_KINDS } from '../alerts/rules/alert-candidate.js';
import { ALERT_LEVELS } from '../limits/alert-thresholds.js';

/** An address, a webhook, a login's e-mail (`user`), the e-mails of a role's logins (`role`). */
export const CHANNELS = ['email', 'webhook', 'user', 'role'] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A notification rule: alerts of these kinds (none: all) and levels go to one recipient, an
 * e-mail address or a webhook. With `escalateAfterMinutes` it is an escalation step instead:
 * `critical` alerts still unacknowledged that long after turning critical go to it.
 */
export class CreateNotificationRuleDto {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ALERT_KINDS, { each: true })
  kinds?: string[];

  @ValidateIf((rule: CreateNotificationRuleDto) => rule.escalateAfterMinutes === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ALERT_LEVELS, { each: true })
  levels?: string[];

  @IsIn(CHANNELS)
  channel: (typeof CHANNELS)[number];

  /**
   * By channel: an e-mail address, an http(s) URL, a login's id (`user`) or a role's name
   * (`role`); checked by the service.
   */
  @IsString()
  @Length(3, 2000)
  target: string;

  /** The webhook's HMAC key, required for a webhook: at least 32 characters. */
  @ValidateIf(
    (rule: CreateNotificationRuleDto) => rule.channel === 'webhook' || rule.secret !== undefined,
  )
  @IsString()
  @Length(32, 256)
  secret?: string;

  /** `HH:MM` on the facility clock; `notice` and `warning` wait for quietTo. */
  @ValidateIf(
    (rule: CreateNotificationRuleDto) => rule.quietTo !== undefined || rule.quietFrom !== undefined,
  )
  @Matches(TIME, { message: 'quietFrom must be HH:MM' })
  quietFrom?: string;

  @ValidateIf(
    (rule: CreateNotificationRuleDto) => rule.quietTo !== undefined || rule.quietFrom !== undefined,
  )
  @Matches(TIME, { message: 'quietTo must be HH:MM' })
  quietTo?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_080)
  escalateAfterMinutes?: number;
}

/** The e-mail address notifications for a login (a rule's `user`, `role`) go to. */
export class NotificationContactDto {
  @IsString()
  @Length(3, 320)
  email: string;
}

/** A rule as the API shows it: never its secret. */
export class NotificationRuleDto {
  id: string;
  name: string;
  kinds: string[];
  levels: string[];
  channel: string;
  target: string;
  quietFrom: string | null;
  quietTo: string | null;
  escalateAfterMinutes: number | null;
  createdBy: string;
  createdAt: string;
}

/** One try at delivering a notification. */
export class NotificationAttemptDto {
  attempt: number;
  at: string;
  ok: boolean;
  error: string | null;
}

/** One notification of an alert with every try: its part of the alert's history. */
export class AlertNotificationDto {
  id: string;
  level: string;
  channel: string;
  target: string;
  escalation: boolean;
  state: string;
  attempts: NotificationAttemptDto[];
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}
