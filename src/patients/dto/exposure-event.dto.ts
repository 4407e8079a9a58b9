import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ISO_WITH_ZONE } from '../../readings/dto/badge-reading.dto.js';

const FINITE = { allowNaN: false, allowInfinity: false };
/** Far beyond any examination, and within bigint once in millionths. */
const MAX_PHYSICAL = 1e9;
const PRINTABLE = /^[^\p{Cc}]+$/u;

/** One patient exposure event on the wire (DESIGN.md §3.2); null and absent mean the same. */
export class ExposureEventDto {
  /** With the topic's modality id, the idempotency key. */
  @IsString()
  @Length(1, 128)
  @Matches(PRINTABLE, { message: 'eventId must not contain control characters' })
  eventId: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  @Matches(PRINTABLE, { message: 'studyUid must not contain control characters' })
  studyUid?: string | null;

  /** Raw identifier: pseudonymised on receipt, never stored (DICOM LO: 64 characters). */
  @IsString()
  @Length(1, 64)
  @Matches(/\S/, { message: 'patientId must not be blank' })
  patientId: string;

  @Matches(ISO_WITH_ZONE, {
    message: 'performedAt must be an ISO-8601 date-time with a zone (Z or ±hh:mm)',
  })
  performedAt: string;

  /** DICOM modality code: CT, XA, RF, DX, CR, MG, NM, PT, ... */
  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,16}$/, { message: 'modality must be a DICOM modality code such as CT' })
  modality: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(PRINTABLE, { message: 'bodyRegion must not contain control characters' })
  bodyRegion?: string | null;

  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(150)
  patientAgeYears?: number | null;

  /** mGy */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_PHYSICAL)
  ctdiVol?: number | null;

  /** mGy·cm */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_PHYSICAL)
  dlp?: number | null;

  /** Gy·cm² */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_PHYSICAL)
  dap?: number | null;

  /** mGy at the interventional reference point */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_PHYSICAL)
  referenceAirKerma?: number | null;

  /** s */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_PHYSICAL)
  fluoroTimeS?: number | null;

  /** mSv, when the modality computed it */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1e6)
  effectiveDose?: number | null;

  /** DICOM Patient's Sex: M, F or O (other). */
  @IsOptional()
  @IsIn(['M', 'F', 'O'])
  patientSex?: 'M' | 'F' | 'O' | null;

  /** mGy, where the modality computed it */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(MAX_PHYSICAL)
  peakSkinDose?: number | null;

  /** The CTDI phantom ctdiVol and dlp refer to, by diameter: 16 (IEC head) or 32 (IEC body). */
  @IsOptional()
  @IsIn([16, 32])
  ctdiPhantomCm?: 16 | 32 | null;

  /** mm */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1e6)
  scanningLengthMm?: number | null;

  /** The DICOM dose report (SR SOP Instance UID) the event was read from. */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9.]{1,64}$/, { message: 'sopInstanceUid must be a DICOM UID' })
  sopInstanceUid?: string | null;
}

export const EXPOSURE_EVENT_FIELDS = [
  'eventId',
  'studyUid',
  'patientId',
  'performedAt',
  'modality',
  'bodyRegion',
  'patientAgeYears',
  'ctdiVol',
  'dlp',
  'dap',
  'referenceAirKerma',
  'fluoroTimeS',
  'effectiveDose',
  'patientSex',
  'peakSkinDose',
  'ctdiPhantomCm',
  'scanningLengthMm',
  'sopInstanceUid',
] as const;
