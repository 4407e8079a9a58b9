/** Record quantities of DESIGN.md §4. */
export const QUANTITIES = ['effective', 'skin', 'eyeLens', 'extremity', 'fetal'] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** The hand (or foot) an extremity badge is worn on (DESIGN.md §4: "ring, wrist; left or right"). */
export const EXTREMITY_SIDES = ['left', 'right'] as const;
export type ExtremitySide = (typeof EXTREMITY_SIDES)[number];
