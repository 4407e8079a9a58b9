import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ALERT_KINDS, type AlertKind } from '../rules/alert-candidate.js';

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
}

/** Acknowledge or resolve: what was done or decided, for the record. */
export class AlertNoteDto {
  @IsString()
  @Length(1, 2000)
  note: string;
}
