import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsZonedDateTime } from '../../common/zoned-date-time.js';

/** `POST /patients/lookup`: the raw id in the body, never in a URL (DESIGN.md §7). */
export class PatientLookupDto {
  /** The hospital's patient id (MRN): pseudonymised by the server, never stored or logged. */
  @IsString()
  @Length(1, 64)
  @Matches(/\S/, { message: 'patientId must not be blank' })
  patientId: string;

  /** The instant the windows are taken at (default: now): ISO-8601 with a zone. */
  @IsOptional()
  @IsZonedDateTime()
  at?: string;
}

export class PatientExposureQueryDto {
  @IsOptional()
  @IsZonedDateTime()
  at?: string;
}

export const PATIENT_RANKING_WINDOWS = ['lifetime', 'rolling12Months', 'rolling5Years'] as const;
export type PatientRankingWindow = (typeof PATIENT_RANKING_WINDOWS)[number];

export class PatientListQueryDto {
  /** The cumulative effective dose patients are ranked by (default: lifetime). */
  @IsOptional()
  @IsIn(PATIENT_RANKING_WINDOWS)
  window?: PatientRankingWindow;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/** Cumulative effective dose of a patient in mSv: events (reported or estimated) plus worn dosimeters. */
export class PatientEffectiveDoseDto {
  lifetime: number;
  rolling12Months: number;
  rolling5Years: number;
}

export class PatientEffectiveDetailDto extends PatientEffectiveDoseDto {
  /** Of `lifetime`: estimated from DLP × k rather than reported by the modality. */
  estimatedLifetime: number;
  /** Of `lifetime`: from dosimeters the patient wore. */
  fromDosimetersLifetime: number;
  /** Events with no effective dose (not CT, or no way to estimate it): not in the sums. */
  eventsWithoutEffectiveDose: number;
}

export class PatientEventDto {
  id: string;
  modalityId: string;
  eventId: string;
  studyUid: string | null;
  performedAt: string;
  modality: string;
  bodyRegion: string | null;
  patientAgeYears: number | null;
  /** mGy */
  ctdiVol: number | null;
  /** mGy·cm */
  dlp: number | null;
  /** Gy·cm² */
  dap: number | null;
  /** mGy */
  referenceAirKerma: number | null;
  /** s */
  fluoroTimeS: number | null;
  /** mGy */
  peakSkinDose: number | null;
  /** The CTDI phantom of `ctdiVol` and `dlp`, when the modality named it. */
  @ApiProperty({ enum: ['head16', 'body32'], nullable: true })
  ctPhantom: 'head16' | 'body32' | null;
  /** mSv */
  effectiveDose: number | null;
  effectiveDoseSource: 'reported' | 'estimated' | null;
  /** k of the estimate, mSv/(mGy·cm) (AAPM Report 96, Table 4). */
  kFactor: number | null;
}

/** `POST /patients/lookup`: a pseudonymised patient's cumulative dose and windows (DESIGN.md §8). */
export class PatientExposureDto {
  personId: string;
  name: string;
  asOf: string;
  effectiveDose: PatientEffectiveDetailDto;
  /** Reference air kerma in mGy: summed over the 12 weeks (84 facility days) ending at asOf, and the largest single event. */
  referenceAirKerma: { rolling12Weeks: number; maxEvent: number };
  /** Dose-area product in Gy·cm², summed over the same 12 weeks. */
  dap: { rolling12Weeks: number };
  events: PatientEventDto[];
}

export class PatientRankDto {
  personId: string;
  name: string;
  effectiveDose: PatientEffectiveDoseDto;
  events: number;
  lastExposureAt: string | null;
  openAlerts: number;
}

export class PatientListDto {
  asOf: string;
  window: PatientRankingWindow;
  patients: PatientRankDto[];
}
