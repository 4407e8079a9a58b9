import type { EntityManager } from 'typeorm';
import type { AlertCandidate } from './rules/alert-candidate.js';
import { patientDoseAlerts } from './rules/patient-dose.js';
import type { PatientEventFacts } from './rules/patient-facts.js';
import { patientSkinAlerts } from './rules/patient-skin.js';
import { plainArray } from '../database/array-literal.js';
import { addDays, FIRST_DAY, LAST_DAY, monthsBefore } from '../calendar/days.js';
import { dayInZone } from '../calendar/facility-day.js';
import { sumPeriods } from '../ledger/period-sums.js';
import type { AlertLevel } from '../limits/alert-thresholds.js';
import type { PatientThreshold } from '../limits/patient-thresholds.js';

type Text = string | null;

/**
 * The patient rules (patientDose, patientSkin) for those of these people who are patients, in
 * three statements: their events, the thresholds, and the effective dose of the dosimeters
 * they wore (the ledger).
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
      id: Text;
      day: Text;
      study_uid: Text;
      effective_nsv: Text;
      air_kerma_ngy: Text;
      dap_ugy_cm2: Text;
      peak_skin_dose_ngy: Text;
      fluoro_time_us: Text;
    }[]
  >(
    `SELECT p.id AS person_id, e.id, to_char(e.performed_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day,
            e.study_uid, e.effective_nsv::text, e.air_kerma_ngy::text, e.dap_ugy_cm2::text,
            e.peak_skin_dose_ngy::text, e.fluoro_time_us::text
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
      studyUid: row.study_uid,
      effectiveNsv: nullableBigInt(row.effective_nsv),
      airKermaNgy: nullableBigInt(row.air_kerma_ngy),
      dapUgyCm2: nullableBigInt(row.dap_ugy_cm2),
      peakSkinDoseNgy: nullableBigInt(row.peak_skin_dose_ngy),
      fluoroTimeUs: nullableBigInt(row.fluoro_time_us),
    });
  }
  const thresholds = await loadPatientThresholds(manager);
  // Dose from dosimeters they wore: all their days, and the rolling 5 years ending today.
  const today = dayInZone(new Date(), timeZone);
  const periods = new Map([
    ['lifetime', { first: FIRST_DAY, last: LAST_DAY }],
    ['rolling5Years', { first: addDays(monthsBefore(today, 60), 1), last: today }],
  ]);
  const worn = await sumPeriods(
    manager,
    [...patients.keys()].map((personId) => ({ personId, periods })),
    today,
  );
  return [...patients].flatMap(([personId, events]) => {
    const facts = {
      personId,
      events,
      wornEffectiveNsv: worn.of(personId, 'lifetime', 'effective'),
      wornRolling5YearsNsv: worn.of(personId, 'rolling5Years', 'effective'),
      today,
      thresholds,
    };
    return [...patientDoseAlerts(facts), ...patientSkinAlerts(facts)];
  });
}

/** Every patient threshold row, as the rules take them. */
export async function loadPatientThresholds(manager: EntityManager): Promise<PatientThreshold[]> {
  const rows = await manager.query<
    { quantity: string; scope: string; level: AlertLevel; at_least: string }[]
  >(`SELECT quantity, scope, level, at_least::text FROM patient_alert_threshold`);
  return rows.map((row) => ({
    quantity: row.quantity,
    scope: row.scope,
    level: row.level,
    atLeast: BigInt(row.at_least),
  }));
}

const nullableBigInt = (text: Text): bigint | null => (text === null ? null : BigInt(text));
