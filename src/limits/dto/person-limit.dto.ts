import { IsIn, IsNumber, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import type { Quantity } from '../../common/quantities.js';
import type { LimitPeriod } from '../applicable-limits.js';
import { LIMIT_PERIODS, LIMIT_QUANTITIES } from '../limit-options.js';
import { MAX_LIMIT_MSV, MIN_LIMIT_MSV } from './limit-profile.dto.js';

/** PUT /people/:id/limits: the person's own limit, in place of their profile's. */
export class PutPersonLimitDto {
  @IsIn(LIMIT_QUANTITIES)
  quantity: Quantity;

  @IsIn(LIMIT_PERIODS)
  period: LimitPeriod;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(MIN_LIMIT_MSV)
  @Max(MAX_LIMIT_MSV)
  limitMSv: number;

  /** Why this person has a limit of their own (e.g. a dose constraint set by the employer). */
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

/** DELETE /people/:id/limits/:quantity/:period. */
export class PersonLimitParamsDto {
  @IsUUID()
  id: string;

  @IsIn(LIMIT_QUANTITIES)
  quantity: Quantity;

  @IsIn(LIMIT_PERIODS)
  period: LimitPeriod;
}

export class PersonLimitDto {
  personId: string;
  quantity: string;
  period: string;
  limitMSv: number;
  reason: string;
}
