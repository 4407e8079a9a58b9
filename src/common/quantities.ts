/** Record quantities of DESIGN.md §4. */
export const QUANTITIES = ['effective', 'skin', 'eyeLens', 'extremity', 'fetal'] as const;
export type Quantity = (typeof QUANTITIES)[number];
