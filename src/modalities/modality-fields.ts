/**
 * The kinds of modality whose patient dose the service records, by the dose report each
 * sends (DICOM PS3.16 templates): CT (TID 10011 CT Radiation Dose), fluoroscopy, radiography,
 * mammography and dental (TID 10001 Projection X-Ray Radiation Dose), nuclear medicine
 * (TID 10021 Radiopharmaceutical Radiation Dose).
 */
export const MODALITY_KINDS = [
  'CT',
  'fluoroscopy',
  'radiography',
  'mammography',
  'dental',
  'nuclearMedicine',
] as const;
export type ModalityKind = (typeof MODALITY_KINDS)[number];

/** The DICOM AE title pattern: also the service's own (DICOM_AE_TITLE), so it lives in common. */
export { AE_TITLE_PATTERN } from '../common/ae-title.js';
