import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsZonedDateTime } from '../../common/zoned-date-time.js';

/** GET /reports/readings/export?personId=&from=&to=: CSV only (a stream, not a document). */
export class ReadingsExportQueryDto {
  /** One person's readings; everyone's when absent. */
  @IsOptional()
  @IsUUID()
  personId?: string;

  /** Readings measured at or after this instant. */
  @IsZonedDateTime()
  from: string;

  /** Readings measured before this instant (exclusive). */
  @IsZonedDateTime()
  to: string;

  @IsOptional()
  @IsIn(['csv'])
  format?: 'csv';
}
