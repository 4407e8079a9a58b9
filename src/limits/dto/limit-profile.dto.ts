import { IsIn, IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Quantity } from '../../common/quantities.js';
import type { LimitPeriod } from '../applicable-limits.js';
import {
  LIMIT_CATEGORIES,
  LIMIT_PERIODS,
  LIMIT_QUANTITIES,
  type LimitCategory,
} from '../limit-options.js';

/** 1 nSv, the unit doses are kept in: a smaller limit would be stored as zero. */
export const MIN_LIMIT_MSV = 0.000001;
/** 1 000 Sv: far above any regulatory limit, and still exact at the nSv as a double. */
export const MAX_LIMIT_MSV = 1_000_000;

/** PUT /limit-profiles/:profile/limits: sets one limit of the profile (insert or replace). */
export class PutProfileLimitDto {
  @IsIn(LIMIT_CATEGORIES)
  category: LimitCategory;

  @IsIn(LIMIT_QUANTITIES)
  quantity: Quantity;

  @IsIn(LIMIT_PERIODS)
  period: LimitPeriod;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(MIN_LIMIT_MSV)
  @Max(MAX_LIMIT_MSV)
  limitMSv: number;

  /** The regulation or decision the number comes from. */
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'source must not be blank' })
  source: string;
}

export class ProfileLimitDto {
  category: string;
  quantity: string;
  period: string;
  limitMSv: number;
  source: string;
}

/**
 * The profile's two-badge algorithm for apron wearers, E = trunk·H(under the apron) +
 * collar·H(collar over it) (DESIGN.md §4).
 */
export class TwoBadgeDto {
  /** `webster`, `niklason` or `ncrp122`. */
  algorithm: string;
  trunk: number;
  collar: number;
  source: string;
}

/** E = factor·H(collar) for an apron wearer whose only badge is the collar (DESIGN.md §4). */
export class CollarOnlyDto {
  factor: number;
  source: string;
}

export class LimitProfileDto {
  profile: string;
  name: string;
  twoBadge: TwoBadgeDto;
  collarOnly: CollarOnlyDto;
  /** Where the fetal limit's period starts: `declaration` or `conception` (DESIGN.md §4). */
  pregnancyFrom: 'declaration' | 'conception';
  limits: ProfileLimitDto[];
}
