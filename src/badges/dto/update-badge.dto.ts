import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/zoned-date-time.js';
import { BADGE_STATUSES, type BadgeStatus } from '../badge-fields.js';

/**
 * What may change after registration. bodyLocation and baseline may not: the increments and
 * quantities already counted from this badge's readings were derived from them (DESIGN.md
 * §3.1, §4), so changing them would silently rewrite past doses. A wrong registration is
 * corrected by retiring the badge and registering it under its true setting.
 */
export class UpdateBadgeDto {
  @IsOptional()
  @IsIn(BADGE_STATUSES)
  status?: BadgeStatus;

  /** A date sets it, null clears it, absent leaves it. */
  @IsOptional()
  @IsCalendarDate()
  calibrationDue?: string | null;
}
