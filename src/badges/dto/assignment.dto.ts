import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { IsZonedDateTime } from '../../common/zoned-date-time.js';
import { AssignmentCorrectionDto, IsOptionalCorrection } from './assignment-correction.dto.js';

export class CreateAssignmentDto {
  @IsUUID()
  personId: string;

  /** Start of wearing, inclusive. */
  @IsZonedDateTime()
  from: string;

  /** End of wearing, exclusive; absent while the badge is still worn. */
  @IsOptional()
  @IsZonedDateTime()
  to?: string;

  /**
   * Whether the wearer works in a protective apron (DESIGN.md §4): under one, a trunk badge
   * with a collar badge over the apron gives the two-badge effective dose, a collar alone the
   * profile's single-collar factor, a trunk badge alone leaves the head unmonitored. Absent:
   * not recorded (the rules before aprons were recorded).
   */
  @IsOptional()
  @IsBoolean()
  apron?: boolean;
}

export class ReturnBadgeDto {
  /** When the badge was taken off: the open assignment ends here (exclusive). */
  @IsZonedDateTime()
  at: string;

  /** Needed when readings already attributed fall after `at` (assignment-correction.dto.ts). */
  @IsOptionalCorrection()
  correction?: AssignmentCorrectionDto;
}

/** A period [from, to) during which the person wore the badge; `to` null while worn. */
export class AssignmentDto {
  id: string;
  badgeSerial: string;
  personId: string;
  from: string;
  to: string | null;
  /** Apron worn meanwhile; null: not recorded. */
  apron: boolean | null;
}
