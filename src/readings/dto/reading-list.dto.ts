import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsZonedDateTime } from '../../common/zoned-date-time.js';

export const DEFAULT_READINGS_LIMIT = 100;
export const MAX_READINGS_LIMIT = 1000;

/** GET /people/:id/readings and /me/readings (DESIGN.md §8). */
export class ReadingsQueryDto {
  /** Readings measured at or after this instant. */
  @IsOptional()
  @IsZonedDateTime()
  from?: string;

  /** Readings measured before this instant (exclusive). */
  @IsOptional()
  @IsZonedDateTime()
  to?: string;

  /** The previous page's `nextCursor`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor of this API' })
  cursor?: string;

  /** Page size: 100 unless given, at most 1000. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_READINGS_LIMIT)
  limit?: number;
}

/** Register values in µSv; null where the badge did not report that register. */
export class RegisterValuesDto {
  hp10: number | null;
  hp007: number | null;
  hp3: number | null;
}

/** What the reading adds to each record quantity of its wearer, in mSv (DESIGN.md §4). */
export class ReadingDosesDto {
  effective: number | null;
  skin: number | null;
  eyeLens: number | null;
  extremity: number | null;
  fetal: number | null;
}

export class ReadingDto {
  badgeSerial: string;
  bodyLocation: string | null;
  seq: number;
  measuredAt: string;
  receivedAt: string;
  /** Accumulated registers as sent, µSv. */
  registers: RegisterValuesDto;
  /** Dose since the badge's previous reading by seq, µSv (DESIGN.md §3.1). */
  increments: RegisterValuesDto;
  reset: boolean;
  /** µSv/h. */
  doseRate: number | null;
  /** Percent. */
  battery: number | null;
  doses: ReadingDosesDto;
}

/** Newest first; `nextCursor` is null on the last page. */
export class ReadingPageDto {
  items: ReadingDto[];
  nextCursor: string | null;
}
