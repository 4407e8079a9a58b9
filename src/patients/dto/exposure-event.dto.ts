import { IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CT_PHANTOMS, type CtPhantom } from '../ct-effective-dose.js';
import { WithinPlausibility } from './plausibility-bounds.js';
import { ISO_WITH_ZONE } from '../../readings/dto/badge-reading.dto.js';

const FINITE = { allowNaN: false, allowInfinity: false };
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
  @WithinPlausibility('ctdiVol')
  ctdiVol?: number | null;

  /** mGy·cm */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @WithinPlausibility('dlp')
  dlp?: number | null;

  /** Gy·cm² */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @WithinPlausibility('dap')
  dap?: number | null;

  /** mGy at the interventional reference point */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @WithinPlausibility('referenceAirKerma')
  referenceAirKerma?: number | null;

  /** mGy, the largest dose to any part of the skin, when the modality or its software reports it */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @WithinPlausibility('peakSkinDose')
  peakSkinDose?: number | null;

  /** The CTDI phantom `ctdiVol` and `dlp` are reported against: `head16` or `body32` */
  @IsOptional()
  @IsIn(CT_PHANTOMS, { message: 'ctPhantom must be head16 or body32' })
  ctPhantom?: CtPhantom | null;

  /** s */
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  @WithinPlausibility('fluoroTimeS')
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
  'peakSkinDose',
  'ctPhantom',
  'effectiveDose',
  'patientSex',
  'scanningLengthMm',
  'sopInstanceUid',
] as const;
