import { IsOptional } from 'class-validator';
import { IsCalendarDate, IsZonedDateTime } from '../../common/zoned-date-time.js';

/** POST /people/:id/pregnancy (DESIGN.md §8). */
export class DeclarePregnancyDto {
  /** When the worker declared it in writing (10 CFR 20.1003; 2013/59/Euratom Art. 10). */
  @IsZonedDateTime()
  declaredAt: string;

  /**
   * Estimated conception day (YYYY-MM-DD), required under a profile that counts the whole
   * pregnancy (`us-nrc`, 10 CFR 20.1208(a)): dose since then counts, including before the
   * declaration. Elsewhere it is kept, and the fetal limit counts from the declaration.
   */
  @IsOptional()
  @IsCalendarDate()
  estimatedConception?: string;

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
  estimatedConception: string | null;
  endsAt: string | null;
}
