import type { EntityManager } from 'typeorm';
import type { ParsedExposure } from './parsed-exposure.js';

export interface StoredExposures {
  /** New events (repeats of a stored (modalityId, eventId) are ignored). */
  inserted: number;
  duplicates: number;
  /** The patients (person ids) with a new event. */
  personIds: string[];
  /** Each pseudonym's person, for what is stored beside the events (a DICOM report). */
  people: Map<string, string>;
}

/**
 * Stores a batch of patient events inside the ingestion transaction: a patient seen for the
 * first time becomes a person of kind `patient` known by pseudonym only, then each event is
 * inserted once per (modalityId, eventId).
 */
export async function storeExposures(
  manager: EntityManager,
  exposures: readonly ParsedExposure[],
): Promise<StoredExposures> {
  if (exposures.length === 0)
    return { inserted: 0, duplicates: 0, personIds: [], people: new Map() };
  const people = await patientsByKey(manager, [...new Set(exposures.map((e) => e.patientKey))]);
  const column = <T>(pick: (event: ParsedExposure) => T) => exposures.map(pick);
  const text = (value: bigint | null) => value?.toString() ?? null;
  const inserted = await manager.query<{ person_id: string }[]>(
    `INSERT INTO patient_exposure (person_id, modality_id, event_id, study_uid, performed_at,
                                   modality, body_region, patient_age_years, ctdi_vol_ngy,
                                   dlp_ngy_cm, dap_ugy_cm2, air_kerma_ngy, fluoro_time_us,
                                   effective_nsv, effective_source, k_factor,
                                   peak_skin_dose_ngy, ct_phantom, sop_instance_uid,
                                   patient_sex, scanning_length_mm)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                          $6::text[], $7::text[], $8::numeric[], $9::bigint[], $10::bigint[],
                          $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[], $15::text[],
                          $16::numeric[], $17::bigint[], $18::text[], $19::text[], $20::text[],
                          $21::numeric[])
     ON CONFLICT (modality_id, event_id) DO NOTHING
     RETURNING person_id`,
    [
      column((e) => people.get(e.patientKey)),
      column((e) => e.modalityId),
      column((e) => e.eventId),
      column((e) => e.studyUid),
      column((e) => e.performedAt),
      column((e) => e.modality),
      column((e) => e.bodyRegion),
      column((e) => (e.patientAgeYears === null ? null : String(e.patientAgeYears))),
      column((e) => text(e.ctdiVolNgy)),
      column((e) => text(e.dlpNgyCm)),
      column((e) => text(e.dapUgyCm2)),
      column((e) => text(e.airKermaNgy)),
      column((e) => text(e.fluoroTimeUs)),
      column((e) => text(e.effectiveNsv)),
      column((e) => e.effectiveSource),
      column((e) => e.kFactor),
      column((e) => text(e.peakSkinDoseNgy)),
      column((e) => e.ctPhantom),
      column((e) => e.sopInstanceUid),
      column((e) => e.patientSex),
      column((e) => e.scanningLengthMm),
    ],
  );
  return {
    inserted: inserted.length,
    duplicates: exposures.length - inserted.length,
    personIds: [...new Set(inserted.map((row) => row.person_id))],
    people,
  };
}

/**
 * The person of each pseudonym, created when new. Keys are inserted in sorted order, so two
 * transactions creating the same patients wait on each other instead of deadlocking.
 */
async function patientsByKey(manager: EntityManager, keys: string[]): Promise<Map<string, string>> {
  const sorted = [...keys].sort();
  await manager.query(
    `INSERT INTO person (kind, name, patient_key)
     SELECT 'patient', 'Patient ' || left(k, 8), k FROM unnest($1::text[]) AS k ORDER BY k
     ON CONFLICT (patient_key) DO NOTHING`,
    [sorted],
  );
  const rows = await manager.query<{ id: string; patient_key: string }[]>(
    `SELECT id, patient_key FROM person WHERE patient_key = ANY($1::text[])`,
    [sorted],
  );
  return new Map(rows.map((row) => [row.patient_key, row.id]));
}
