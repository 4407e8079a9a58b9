/**
 * Patient quantities in the units their thresholds are written in (DESIGN.md §5): the API
 * keeps air kerma and peak skin dose in mGy, shown here in Gy; DAP in Gy·cm²; CT in mGy and
 * mGy·cm; fluoroscopy time as minutes and seconds.
 */
const number = (value: number, digits: number): string =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const formatGy = (mGy: number): string => `${number(mGy / 1000, 2)} Gy`;
export const formatDap = (gyCm2: number): string => `${number(gyCm2, 1)} Gy·cm²`;
export const formatCtdi = (mGy: number): string => `${number(mGy, 1)} mGy`;
export const formatDlp = (mGyCm: number): string => `${number(mGyCm, 0)} mGy·cm`;

/** 754 s → `12:34 min:s`. */
export function formatFluoroTime(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')} min:s`;
}
