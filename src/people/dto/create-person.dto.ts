import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PERSON_KINDS, type PersonKind } from '../person.entity.js';
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

export class CreatePersonDto {
  @IsIn(PERSON_KINDS)
  kind: PersonKind;

  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  /** The employer's staff number; unique among people. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  employeeId?: string;

  /**
   * A patient's hospital id (MRN), for a patient who wears a dosimeter: stored only as its
   * pseudonym, which links the person to the patient's exposure events (DESIGN.md §3.2).
   */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/\S/, { message: 'patientId must not be blank' })
  patientId?: string;

  @IsOptional()
  @IsIn(PERSON_CATEGORIES)
  category?: PersonCategory;

  @IsOptional()
  @IsIn(LIMIT_PROFILES)
  profile?: LimitProfile;

  /** YYYY-MM-DD, not in the future: a minor's or apprentice's category ends at 18. */
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;

  /** A or B (2013/59/Euratom Art. 40): `eu` workers only. */
  @IsOptional()
  @IsIn(EU_WORKER_CATEGORIES)
  euCategory?: EuWorkerCategory;

  /** NRC Form 5/4 box 4: male or female. */
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex;

  /** NRC Form 5/4 box 3, the kind of number employeeId is: SSN, PPN (passport) or OTH. */
  @IsOptional()
  @IsIn(ID_TYPES)
  idType?: IdType;
}

export class ListPeopleQueryDto {
  @IsOptional()
  @IsIn(PERSON_KINDS)
  kind?: PersonKind;

  /**
   * Search: part of the name or employee id (any case), or part of the serial of a badge the
   * person wears or once wore (a lost badge still finds its wearer).
   */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'q must not be blank' })
  q?: string;
}
