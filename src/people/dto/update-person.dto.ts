import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../common/zoned-date-time.js';
import {
  EU_WORKER_CATEGORIES,
  ID_TYPES,
  LIMIT_PROFILES,
  PERSON_CATEGORIES,
  SEXES,
  type EuWorkerCategory,
  type IdType,
  type LimitProfile,
  type PersonCategory,
  type Sex,
} from '../person-options.js';

/** Present: validated (so null is refused); absent: left as it is. */
const IfPresent = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/**
 * PATCH /people/:id. `kind` stays: a worker's dose record does not become a patient's. A new
 * profile changes the two-badge formula, so the person's readings are re-derived with it.
 */
export class UpdatePersonDto {
  @IfPresent()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  /** A staff number sets it, null clears it, absent leaves it. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  employeeId?: string | null;

  @IfPresent()
  @IsIn(PERSON_CATEGORIES)
  category?: PersonCategory;

  @IfPresent()
  @IsIn(LIMIT_PROFILES)
  profile?: LimitProfile;

  /** A date (YYYY-MM-DD) sets it, null clears it, absent leaves it. */
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string | null;

  /** A or B sets it (`eu` workers only), null clears it, absent leaves it. */
  @IsOptional()
  @IsIn(EU_WORKER_CATEGORIES)
  euCategory?: EuWorkerCategory | null;
  /** male or female sets it (NRC Form 5/4 box 4), null clears it, absent leaves it. */
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex | null;

  /** SSN, PPN or OTH sets it (NRC Form 5/4 box 3), null clears it, absent leaves it. */
  @IsOptional()
  @IsIn(ID_TYPES)
  idType?: IdType | null;
}
