import { IsOptional, Matches } from 'class-validator';
import { AlaraLevelDto } from '../../limits/dto/alara-level.dto.js';
import type { InvestigationLevel } from '../../limits/investigation-levels.js';
import { ReportFormatQueryDto } from '../report-format.js';

/** GET /reports/alara?quarter=2026-Q3&format= */
export class AlaraQueryDto extends ReportFormatQueryDto {
  /** Calendar quarter (facility time zone), `YYYY-Qn`; the current one unless given. */
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must look like 2026-Q3' })
  quarter?: string;
}

export class AlaraAlertDto {
  id: string;
  level: string;
  state: string;
}

/** One person's dose of one quantity in the quarter, at or over an investigation level. */
export class AlaraRowDto {
  personId: string;
  name: string;
  employeeId: string | null;
  /** The limit profile whose investigation levels applied. */
  profile: string;
  quantity: string;
  /** The quarter's dose, adjustments included. */
  doseMSv: number;
  adjustmentsMSv: number;
  /** The investigation levels applied (the profile's, for this quantity), mSv a quarter. */
  levelIMSv: number;
  levelIIMSv: number;
  /** The highest level the dose reached: I at Level I, II at Level II (DESIGN.md §5). */
  investigationLevel: InvestigationLevel;
  /** The `alaraQuarter` alert of this person, quantity and quarter, if one was raised. */
  alert: AlaraAlertDto | null;
}

/** A profile's investigation levels for one quantity, as the report applied them. */
export class AlaraLevelAppliedDto extends AlaraLevelDto {
  profile: string;
}

export class AlaraReportDto {
  quarter: string;
  from: string;
  to: string;
  asOf: string;
  rows: AlaraRowDto[];
  /** Every profile's investigation levels, as read with the doses. */
  levels: AlaraLevelAppliedDto[];
  notes: string[];
}
