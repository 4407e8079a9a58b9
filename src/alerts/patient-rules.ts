import type { EntityManager } from 'typeorm';
import type { AlertCandidate } from './rules/alert-candidate.js';
import { patientDoseAlerts } from './rules/patient-dose.js';
import type { PatientEventFacts, PatientFacts } from './rules/patient-facts.js';
import { patientSkinAlerts } from './rules/patient-skin.js';
import { plainArray } from '../database/array-literal.js';
import { FIRST_DAY, LAST_DAY } from '../calendar/days.js';
import { dayInZone } from '../calendar/facility-day.js';
import { sumPeriods } from '../ledger/period-sums.js';

/**
 * The patient rules (patientDose, patientSkin) for those of these people who are patients, in
 * two statements: their events, and the effective dose of the dosimeters they wore (the ledger).
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
  // Dose from dosimeters they wore: all their days, whatever day it is asked on.
  const lifetime = new Map([['lifetime', { first: FIRST_DAY, last: LAST_DAY }]]);
  const worn = await sumPeriods(
    manager,
    [...patients.keys()].map((personId) => ({ personId, periods: lifetime })),
    dayInZone(new Date(), timeZone),
  );
  return [...patients].flatMap(([personId, events]) => {
    const facts: PatientFacts = {
      personId,
      events,
      wornEffectiveNsv: worn.of(personId, 'lifetime', 'effective'),
    };
    return [...patientDoseAlerts(facts), ...patientSkinAlerts(facts)];
  });
}

const nullableBigInt = (text: string | null): bigint | null =>
  text === null ? null : BigInt(text);
