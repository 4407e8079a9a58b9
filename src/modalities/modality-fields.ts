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

/**
 * A DICOM AE title (PS3.5 Table 6.2-1, VR AE): at most 16 characters of the default repertoire
 * (printable ASCII) without the backslash; leading and trailing spaces are not significant, so
 * none are stored, and a title of spaces only is not allowed.
 */
export const AE_TITLE_PATTERN =
  /^[\x21-\x5B\x5D-\x7E](?:[\x20-\x5B\x5D-\x7E]{0,14}[\x21-\x5B\x5D-\x7E])?$/;
