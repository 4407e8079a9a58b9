/**
 * Worker categories and limit profiles a person may have (DESIGN.md §5). Council Directive
 * 2013/59/Euratom, for `eu`: `apprentice` is Art. 11(2) and (3), apprentices and students aged
 * 16 to 18 who, in the course of their studies, are obliged to work with radiation sources;
 * `student` is Art. 11(4), the apprentices and students those paragraphs leave out (under 16,
 * or not obliged to work with sources), held to the public limits of Art. 12. `minor` is the
 * NRC one (10 CFR 20.1207). With a date of birth, minors and apprentices change category with
 * their age (category-at.ts); a `student` does not, since whether they work with sources is
 * not a matter of age.
 */
export const PERSON_CATEGORIES = ['adult', 'apprentice', 'minor', 'student'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

export const LIMIT_PROFILES = ['eu', 'us-nrc'] as const;
export type LimitProfile = (typeof LIMIT_PROFILES)[number];

/**
 * The `eu` classification of exposed workers, 2013/59/Euratom Art. 40(1): category A, liable
 * to receive more than 6 mSv effective a year (or 15 mSv to the lens, 150 mSv to skin or
 * extremities), and category B, the others. `eu` workers only.
 */
export const EU_WORKER_CATEGORIES = ['A', 'B'] as const;
export type EuWorkerCategory = (typeof EU_WORKER_CATEGORIES)[number];

/** The profile whose workers have an EU classification (EU_WORKER_CATEGORIES). */
export const EU_PROFILE: LimitProfile = 'eu';

/** NRC Form 5 and Form 4, box 4 (sex): male or female, as the form offers. */
export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * NRC Form 5 and Form 4, box 3 (the type of the ID number in box 2, here `employeeId`): a
 * social security number, a passport number or another identification. The codes are those
 * used for the form's ID type box with NRC Regulatory Guide 8.7 (Rev. 4, May 2018,
 * ML17221A245); not checked here against the guide's own text.
 */
export const ID_TYPES = ['SSN', 'PPN', 'OTH'] as const;
export type IdType = (typeof ID_TYPES)[number];
