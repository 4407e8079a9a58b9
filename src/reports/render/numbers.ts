/**
 * Dose numbers as text for CSV and PDF cells. The JSON numbers are exact decimals of the nSv
 * (mSv to 6 places, rem to 7); String() would print the smallest as 1e-7, so fixed notation
 * with the trailing zeros dropped.
 */
export function decimalText(value: number, places: number): string {
  return value.toFixed(places).replace(/0+$/, '').replace(/\.$/, '');
}

export const mSvText = (value: number): string => decimalText(value, 6);
export const remText = (value: number): string => decimalText(value, 7);
