import { IsOptional } from 'class-validator';
import { IsZonedDateTime } from '../../common/zoned-date-time.js';

/** POST /people/:id/pregnancy (DESIGN.md §8). */
export class DeclarePregnancyDto {
  /** The fetal limit applies from here (counted from this facility day). */
  @IsZonedDateTime()
  declaredAt: string;

  /** End of the pregnancy, exclusive; absent while it runs. */
  @IsOptional()
  @IsZonedDateTime()
  endsAt?: string;
}

/** PATCH /people/:id/pregnancy/:pregnancyId: ends a declared pregnancy. */
export class EndPregnancyDto {
  @IsZonedDateTime()
  endsAt: string;
}

export class PregnancyDto {
  id: string;
  personId: string;
  declaredAt: string;
  endsAt: string | null;
}
