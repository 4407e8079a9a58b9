import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class DailyDosesQueryDto {
  /** Calendar year in the facility time zone (default: the current one). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;
}

export class DailyDoseDto {
  /** Facility-time-zone day, YYYY-MM-DD. */
  day: string;
  doseMSv: number;
}

/** A person's daily totals in one year, per record quantity, days in order; empty days left out. */
@ApiExtraModels(DailyDoseDto)
export class DailyDosesDto {
  personId: string;
  year: number;
  @ApiProperty({
    description: 'Per record quantity.',
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(DailyDoseDto) } },
  })
  quantities: Record<string, DailyDoseDto[]>;
}
