import type { EntityManager } from 'typeorm';
import type { ReportTotals } from './report-totals.js';

export interface StoredReport {
  modalityId: string;
  sopInstanceUid: string;
  personId: string;
  studyUid: string | null;
  template: 'CT' | 'projection';
  eventCount: number;
  totals: ReportTotals;
}

/**
 * Keeps a report's totals beside its events' sums, once per (modality, SOP Instance UID): a
 * repeated C-STORE of the same report inserts nothing. Inside the events' transaction.
 */
export async function storeDoseReport(manager: EntityManager, report: StoredReport): Promise<void> {
  const { reported, ofEvents } = report.totals;
  const text = (value: bigint | undefined) => value?.toString() ?? null;
  await manager.query(
    `INSERT INTO patient_dose_report (modality_id, sop_instance_uid, person_id, study_uid, template,
       event_count, total_dlp_ngy_cm, total_dap_ugy_cm2, total_air_kerma_ngy, total_fluoro_time_us,
       total_peak_skin_dose_ngy, events_dlp_ngy_cm, events_dap_ugy_cm2, events_air_kerma_ngy,
       events_fluoro_time_us, totals_agree)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (modality_id, sop_instance_uid) DO NOTHING`,
    [
      report.modalityId,
      report.sopInstanceUid,
      report.personId,
      report.studyUid,
      report.template,
      report.eventCount,
      text(reported.dlp),
      text(reported.dap),
      text(reported.referenceAirKerma),
      text(reported.fluoroTimeS),
      text(reported.peakSkinDose),
      text(ofEvents.dlp),
      text(ofEvents.dap),
      text(ofEvents.referenceAirKerma),
      text(ofEvents.fluoroTimeS),
      report.totals.agree,
    ],
  );
}
