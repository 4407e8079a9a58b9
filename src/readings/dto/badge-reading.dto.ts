import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

const FINITE = { allowNaN: false, allowInfinity: false };
/** 10^12 µSv (1 MSv): far beyond any physical register; keeps nSv within bigint. */
export const MAX_REGISTER_USV = 1e12;
/** 10^9 µSv/h: beyond any survivable field; an instant value, only compared with thresholds. */
export const MAX_DOSE_RATE_USV_H = 1e9;
/** Battery charge, per cent. */
export const MAX_BATTERY_PERCENT = 100;
/** ISO-8601 date-time with an explicit zone (Z or ±hh:mm), DESIGN.md §2. */
export const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** One badge reading on the wire (DESIGN.md §3.1). */
export class BadgeReadingDto {
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seq: number;

  @Matches(ISO_WITH_ZONE, {
    message: 'measuredAt must be an ISO-8601 date-time with a zone (Z or ±hh:mm)',
  })
  measuredAt: string;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_REGISTER_USV)
  hp10?: number;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_REGISTER_USV)
  hp007?: number;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_REGISTER_USV)
  hp3?: number;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_DOSE_RATE_USV_H)
  doseRate?: number;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_BATTERY_PERCENT)
  battery?: number;
}

export const BADGE_READING_FIELDS = [
  'seq',
  'measuredAt',
  'hp10',
  'hp007',
  'hp3',
  'doseRate',
  'battery',
] as const;
