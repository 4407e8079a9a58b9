/**
 * Plain words for the API's identifiers on the people, badges and patients pages, so no raw
 * field name reaches the screen.
 */
export const QUANTITY_NAMES: Record<string, string> = {
  effective: 'Effective dose',
  eyeLens: 'Eye lens',
  skin: 'Skin',
  extremity: 'Extremity',
  fetal: 'Fetal',
};
export const QUANTITIES = Object.keys(QUANTITY_NAMES);

export const quantityName = (quantity: string): string => QUANTITY_NAMES[quantity] ?? quantity;

const PERIOD_NAMES: Record<string, string> = {
  year: 'calendar year',
  '5years': '5 consecutive years',
  pregnancy: 'declared pregnancy',
};
export const periodName = (period: string): string => PERIOD_NAMES[period] ?? period;

const LOCATION_NAMES: Record<string, string> = {
  trunk: 'trunk (chest or waist)',
  collar: 'collar (over the apron)',
  eye: 'eye (at the lens)',
  extremity: 'extremity (ring or wrist)',
  fetal: 'fetal (waist, under the apron)',
};
export const locationName = (location: string | null): string =>
  location === null ? 'unknown' : (LOCATION_NAMES[location] ?? location);

const ADJUSTMENT_NAMES: Record<string, string> = {
  correction: 'Correction',
  priorDose: 'Prior dose (other employer)',
  estimate: 'Estimate (not measured)',
  reattribution: 'Re-attribution (assignment corrected)',
};
export const adjustmentName = (kind: string): string => ADJUSTMENT_NAMES[kind] ?? kind;

const PROFILE_NAMES: Record<string, string> = {
  eu: 'EU (Directive 2013/59/Euratom)',
  'us-nrc': 'US NRC (10 CFR 20)',
};
export const profileName = (profile: string): string => PROFILE_NAMES[profile] ?? profile;

/** A yes/no/not recorded fact, e.g. whether an apron is worn. */
export const yesNo = (value: boolean | null): string =>
  value === null ? 'not recorded' : value ? 'yes' : 'no';
