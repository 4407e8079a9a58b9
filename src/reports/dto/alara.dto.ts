import { IsOptional, Matches } from 'class-validator';
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
  quantity: string;
  /** The quarter's dose, adjustments included. */
  doseMSv: number;
  adjustmentsMSv: number;
  annualLimitMSv: number;
  /** doseMSv / annualLimitMSv. */
  fraction: number;
  /** I: ≥ 10 % of the annual limit within the quarter; II: ≥ 30 % (DESIGN.md §5). */
  investigationLevel: 'I' | 'II';
  /** The `alaraQuarter` alert of this person, quantity and quarter, if one was raised. */
  alert: AlaraAlertDto | null;
}

export class AlaraReportDto {
  quarter: string;
  from: string;
  to: string;
  asOf: string;
  rows: AlaraRowDto[];
  notes: string[];
}
