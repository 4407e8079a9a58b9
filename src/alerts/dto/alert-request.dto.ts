import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import {
  ALERT_KINDS,
  ALERT_LEVELS,
  type AlertKind,
  type AlertLevel,
} from '../rules/alert-candidate.js';
import type { AlertDto } from './alert.dto.js';

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export class AlertQueryDto {
  @IsOptional()
  @IsIn(ALERT_STATES)
  state?: AlertState;

  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsOptional()
  @IsIn(ALERT_KINDS)
  kind?: AlertKind;

  @IsOptional()
  @IsIn(ALERT_LEVELS)
  level?: AlertLevel;

  /** The alerts raised about this badge (its serial, as registered). */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  badgeSerial?: string;
}

/** Acknowledge or resolve: what was done or decided, for the record. */
export class AlertNoteDto {
  @IsString()
  @Length(1, 2000)
  note: string;
}

/** Most alerts one bulk acknowledgement takes: an inbox page's worth. */
export const BULK_ACKNOWLEDGE_MAX = 500;

/** POST /alerts/acknowledge: several alerts acknowledged with one note. */
export class BulkAcknowledgeDto extends AlertNoteDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_ACKNOWLEDGE_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];
}

export const BULK_OUTCOMES = ['acknowledged', 'notOpen', 'notFound'] as const;

/** One alert's result: acknowledged now, no longer open (someone was first), or not visible. */
export class BulkAcknowledgeResultDto {
  id: string;
  outcome: (typeof BULK_OUTCOMES)[number];
  /** The alert as it now stands; absent when not found. */
  alert?: AlertDto;
  /** Why it was not acknowledged; absent when it was. */
  message?: string;
}
