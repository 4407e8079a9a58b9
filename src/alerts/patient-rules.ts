import type { EntityManager } from 'typeorm';
import type { AlertCandidate } from './rules/alert-candidate.js';
import { patientDoseAlerts } from './rules/patient-dose.js';
import type { PatientEventFacts, PatientFacts } from './rules/patient-facts.js';
import { patientSkinAlerts } from './rules/patient-skin.js';
import { plainArray } from '../database/array-literal.js';

/**
 * The patient rules (patientDose, patientSkin) for those of these people who are patients, in
 * two statements: their events, and the effective dose of the dosimeters they wore.
 */
export async function patientAlerts(
  manager: EntityManager,
  personIds: readonly string[],
  timeZone: string,
): Promise<AlertCandidate[]> {
  if (personIds.length === 0) return [];
  const rows = await manager.query<
    {
      person_id: string;
      id: string | null;
      day: string | null;
      effective_nsv: string | null;
      air_kerma_ngy: string | null;
      dap_ugy_cm2: string | null;
    }[]
  >(
    `SELECT p.id AS person_id, e.id, to_char(e.performed_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day,
            e.effective_nsv::text, e.air_kerma_ngy::text, e.dap_ugy_cm2::text
       FROM person p LEFT JOIN patient_exposure e ON e.person_id = p.id
      WHERE p.id = ANY($1::uuid[]) AND p.kind = 'patient'
      ORDER BY p.id, e.performed_at, e.id`,
    [plainArray(personIds), timeZone],
  );
  if (rows.length === 0) return [];
  const patients = new Map<string, PatientEventFacts[]>();
  for (const row of rows) {
    const events = patients.get(row.person_id) ?? [];
    patients.set(row.person_id, events);
    if (row.id === null || row.day === null) continue;
    events.push({
      id: row.id,
      day: row.day,
      effectiveNsv: nullableBigInt(row.effective_nsv),
      airKermaNgy: nullableBigInt(row.air_kerma_ngy),
      dapUgyCm2: nullableBigInt(row.dap_ugy_cm2),
    });
  }
  const worn = await manager.query<{ person_id: string; total: string }[]>(
    `SELECT person_id, sum(dose_nsv)::text AS total FROM daily_dose
      WHERE person_id = ANY($1::uuid[]) AND quantity = 'effective' GROUP BY person_id`,
    [[...patients.keys()]],
  );
  const wornByPerson = new Map(worn.map((row) => [row.person_id, BigInt(row.total)]));
  return [...patients].flatMap(([personId, events]) => {
    const facts: PatientFacts = {
      personId,
      events,
      wornEffectiveNsv: wornByPerson.get(personId) ?? 0n,
    };
    return [...patientDoseAlerts(facts), ...patientSkinAlerts(facts)];
  });
}

const nullableBigInt = (text: string | null): bigint | null =>
  text === null ? null : BigInt(text);
