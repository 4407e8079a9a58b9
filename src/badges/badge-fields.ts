export const BADGE_STATUSES = ['active', 'lost', 'damaged', 'retired'] as const;
export type BadgeStatus = (typeof BADGE_STATUSES)[number];

/** Serials are topic levels: no wildcards, separators or control characters. */
export const SERIAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
