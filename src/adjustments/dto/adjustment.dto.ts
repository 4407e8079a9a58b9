import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, IsString, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { IsCalendarDate } from '../../common/zoned-date-time.js';
import { QUANTITIES, type Quantity } from '../../common/quantities.js';
import type { AdjustmentKind } from '../adjustment-kind.js';

/** Our bound against slips of the keyboard: 10 Sv is far above any occupational dose. */
export const MAX_ADJUSTMENT_MSV = 10_000;

/** POST /people/:id/adjustments: a signed correction of a recorded dose (DESIGN.md §7). */
export class CreateAdjustmentDto {
  @IsIn(QUANTITIES)
  quantity: Quantity;

  /** mSv, signed: negative removes dose wrongly recorded. Exact to the nSv. */
  // Spelled out: the swagger compiler plugin leaves out a property whose @Min it cannot
  // evaluate (a negated constant), and the API document then had no dose at all.
  @ApiProperty({
    description: 'mSv, signed: negative removes dose wrongly recorded. Exact to the nSv.',
    minimum: -MAX_ADJUSTMENT_MSV,
    maximum: MAX_ADJUSTMENT_MSV,
    not: { enum: [0] },
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @NotEquals(0)
  @Min(-MAX_ADJUSTMENT_MSV)
  @Max(MAX_ADJUSTMENT_MSV)
  doseMSv: number;

  /** The facility day (YYYY-MM-DD) the dose belongs to; not in the future. */
  @IsCalendarDate()
  date: string;

  /** Why: kept with the record, shown in every report. */
  @IsString()
  @MaxLength(2000)
  reason: string;
}

export class AdjustmentDto {
  id: string;
  personId: string;
  /** A reattribution's badge and corrected assignment; null for any other kind. */
  badgeSerial: string | null;
  assignmentId: string | null;
  quantity: string;
  doseMSv: number;
  date: string;
  reason: string;
  /**
   * `correction` (POST /people/:id/adjustments), or one quantity of a prior dose (`priorDose`)
   * or a dose estimate (`estimate`): dose no badge here measured (DESIGN.md §4); all three
   * count in the totals. `reattribution`: dose that moved with re-attributed readings when an
   * assignment was corrected (DESIGN.md §7); the readings count it, this lists it.
   */
  kind: AdjustmentKind;
  /** The prior dose's or estimate's id; null for a correction. */
  sourceId: string | null;
  /** The login that made it. */
  author: string;
  createdAt: string;
}
