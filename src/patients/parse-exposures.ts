import { SERIAL_PATTERN } from '../badges/badge-fields.js';
import { millisievertsToNanosieverts, toMillionths } from '../common/dose-units.js';
import {
  deviceTime,
  parseBatch,
  redacted,
  validateItem,
  type KeptPayload,
  type ParseLimits,
  type Rejection,
} from '../mqtt/parse-batch.js';
import { estimateCtEffectiveDose } from './ct-effective-dose.js';
import { EXPOSURE_EVENT_FIELDS, ExposureEventDto } from './dto/exposure-event.dto.js';
import type { ParsedExposure } from './parsed-exposure.js';
import { pseudonymise } from '../people/pseudonym.js';

/** What one exposures message holds once validated: its events, and the rejections. */
export interface ParsedExposures {
  exposures: ParsedExposure[];
  rejections: Rejection[];
  /** A valid modality id's message: the id, and what is kept if all of it is rejected later. */
  modality?: ModalityMessage;
}

export interface ModalityMessage {
  id: string;
  /** The whole message, redacted (e.g. for an unregistered modality). */
  whole: KeptPayload;
}

/** Our own field names: the only keys a redacted payload shows. */
const KNOWN_KEYS: ReadonlySet<string> = new Set(EXPOSURE_EVENT_FIELDS);

/**
 * Validates an exposures message (one event or an array). The patient id is pseudonymised
 * here, and every rejection keeps only a redacted skeleton of its payload (DESIGN.md §3.3):
 * no raw id goes further than this function, in whatever shape it came.
 */
export function parseExposuresMessage(
  modalityId: string,
  payload: Buffer,
  limits: ParseLimits,
  patientIdSecret: string,
): ParsedExposures {
  const whole = redacted({ payload }, KNOWN_KEYS);
  if (!SERIAL_PATTERN.test(modalityId)) {
    const reason = 'the topic modality id is not valid';
    return { exposures: [], rejections: [{ reason, ...whole }] };
  }
  const { items, rejections } = parseBatch(payload, limits, 'events', (item) =>
    parseExposure(modalityId, item, limits, patientIdSecret),
  );
  return {
    exposures: items,
    rejections: rejections.map((rejection) =>
      // A rejection of the whole message: its skeleton is already made.
      rejection.payload === payload
        ? { reason: rejection.reason, ...whole }
        : redacted(rejection, KNOWN_KEYS),
    ),
    modality: { id: modalityId, whole },
  };
}

/**
 * One event, validated and pseudonymised: the single path every exposure event takes, from
 * MQTT or from a DICOM dose report (src/dicom).
 */
export function parseExposure(
  modalityId: string,
  item: unknown,
  limits: ParseLimits,
  secret: string,
): ParsedExposure | string {
  const dto = validateItem(item, new ExposureEventDto(), EXPOSURE_EVENT_FIELDS, 'an event');
  if (typeof dto === 'string') return dto;
  const performedAt = deviceTime('performedAt', dto.performedAt, limits);
  if (typeof performedAt === 'string') return performedAt;
  const millionths = (value: number | null | undefined) =>
    value === null || value === undefined ? null : toMillionths(value);
  const modality = dto.modality.toUpperCase();
  const bodyRegion = dto.bodyRegion ?? null;
  const ageYears = dto.patientAgeYears ?? null;
  const dlpNgyCm = millionths(dto.dlp);
  const event: ParsedExposure = {
    modalityId,
    eventId: dto.eventId,
    studyUid: dto.studyUid ?? null,
    patientKey: pseudonymise(secret, dto.patientId),
    performedAt,
    modality,
    bodyRegion,
    patientAgeYears: ageYears,
    ctdiVolNgy: millionths(dto.ctdiVol),
    dlpNgyCm,
    dapUgyCm2: millionths(dto.dap),
    airKermaNgy: millionths(dto.referenceAirKerma),
    fluoroTimeUs: millionths(dto.fluoroTimeS),
    peakSkinDoseNgy: millionths(dto.peakSkinDose),
    ctPhantom: dto.ctPhantom ?? null,
    effectiveNsv: null,
    effectiveSource: null,
    kFactor: null,
    sopInstanceUid: dto.sopInstanceUid ?? null,
    patientSex: dto.patientSex ?? null,
    scanningLengthMm:
      dto.scanningLengthMm === null || dto.scanningLengthMm === undefined
        ? null
        : String(dto.scanningLengthMm),
  };
  if (dto.effectiveDose !== null && dto.effectiveDose !== undefined) {
    return {
      ...event,
      effectiveNsv: millisievertsToNanosieverts(dto.effectiveDose),
      effectiveSource: 'reported',
    };
  }
  const estimate =
    modality === 'CT' && dlpNgyCm !== null
      ? estimateCtEffectiveDose(dlpNgyCm, bodyRegion, ageYears, event.ctPhantom)
      : undefined;
  if (!estimate) return event;
  return {
    ...event,
    effectiveNsv: estimate.effectiveNsv,
    effectiveSource: 'estimated',
    kFactor: estimate.kFactor,
  };
}
