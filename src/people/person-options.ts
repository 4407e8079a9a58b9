/**
 * Worker categories and limit profiles a person may have (DESIGN.md §5): `apprentice` is the
 * EU category for ages 16-18 (2013/59/Euratom Art. 11), `minor` the NRC one (10 CFR 20.1207).
 */
export const PERSON_CATEGORIES = ['adult', 'apprentice', 'minor'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

export const LIMIT_PROFILES = ['eu', 'us-nrc'] as const;
export type LimitProfile = (typeof LIMIT_PROFILES)[number];
