/** Where a badge is worn (DESIGN.md §4); decides which record quantities its registers feed. */
export const BODY_LOCATIONS = ['trunk', 'collar', 'eye', 'extremity', 'fetal'] as const;
export type BodyLocation = (typeof BODY_LOCATIONS)[number];
