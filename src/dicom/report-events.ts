import type { ModalityKind } from '../modalities/modality-fields.js';
import type { DoseReport, DoseValues, ReportEvent } from './sr/dose-report.js';

/**
 * The DICOM modality code of a projection report's events, by the kind the RSO registered
 * (the SR's own Modality is `SR`, PS3.3 C.17.1).
 */
const PROJECTION_MODALITY: Record<ModalityKind, string> = {
  CT: 'CT',
  fluoroscopy: 'XA',
  radiography: 'DX',
  mammography: 'MG',
  dental: 'IO',
  nuclearMedicine: 'NM',
};

/**
 * A dose report as exposure events of DESIGN.md §3.2 (the MQTT wire shape), to go through the
 * same validation, pseudonymisation and store as a modality's MQTT events. One event per
 * irradiation event, keyed by its Irradiation Event UID; a report with totals but no events
 * becomes one event carrying the totals, keyed by the report's SOP Instance UID (§3.5).
 */
export function wireEvents(
  report: DoseReport,
  kind: ModalityKind,
  receivedAt: Date,
): Record<string, unknown>[] {
  const common = {
    studyUid: report.studyUid ?? null,
    // A report without a Patient ID (type 2, may be empty) still carries dose: it is kept
    // under a patient of its own study, found again by that study's UID.
    patientId: report.patientId ?? `study:${report.studyUid ?? report.sopInstanceUid}`,
    modality: report.template === 'CT' ? 'CT' : PROJECTION_MODALITY[kind],
    patientAgeYears: report.patientAgeYears ?? null,
    patientSex: report.patientSex ?? null,
    sopInstanceUid: report.sopInstanceUid,
  };
  // With no time in the report at all, the time it arrived: the dose is kept, not refused.
  const performedAt = (event?: ReportEvent) =>
    event?.performedAt ?? report.performedAt ?? receivedAt.toISOString();
  if (report.events.length === 0) {
    return [
      {
        ...common,
        ...doseFields(report.totals),
        eventId: report.sopInstanceUid,
        performedAt: performedAt(),
      },
    ];
  }
  // Peak skin dose is mostly reported only with the accumulated dose. The patient rules sum a
  // procedure's events (src/alerts/rules/patient-procedures.ts), so carried by the first event
  // it gives the procedure the report's own value, and is counted once.
  const skinOnFirstEvent =
    report.totals.peakSkinDose !== undefined &&
    report.events.every((event) => event.peakSkinDose === undefined);
  return report.events.map((event, index) => ({
    ...common,
    ...doseFields(event),
    ...(index === 0 && skinOnFirstEvent ? { peakSkinDose: report.totals.peakSkinDose } : {}),
    // Irradiation Event UID is type 1, but a report without it still holds its dose: the
    // event is then known by its place in the report, stable across a repeat of the report.
    eventId: event.eventUid ?? `${report.sopInstanceUid}#${index + 1}`,
    performedAt: performedAt(event),
    bodyRegion: event.bodyRegion ?? null,
    ctPhantom: event.ctPhantom ?? null,
    scanningLengthMm: event.scanningLengthMm ?? null,
  }));
}

function doseFields(values: DoseValues): Record<string, number | null> {
  return {
    ctdiVol: values.ctdiVol ?? null,
    dlp: values.dlp ?? null,
    dap: values.dap ?? null,
    referenceAirKerma: values.referenceAirKerma ?? null,
    fluoroTimeS: values.fluoroTimeS ?? null,
    peakSkinDose: values.peakSkinDose ?? null,
  };
}
