import { PERSON_CATEGORIES } from '../people/person-options.js';
import { QUANTITIES } from '../common/quantities.js';
import type { LimitPeriod } from './applicable-limits.js';

/** Periods a limit is stated over (DESIGN.md §5); the schema checks the same list. */
export const LIMIT_PERIODS = ['year', '5years', 'pregnancy'] as const satisfies LimitPeriod[];

/**
 * Categories a profile's limits are kept for: the worker categories, and `pregnancy` for the
 * limits that apply while a declared pregnancy runs (applicableLimitsFrom).
 */
export const LIMIT_CATEGORIES = [...PERSON_CATEGORIES, 'pregnancy'] as const;
export type LimitCategory = (typeof LIMIT_CATEGORIES)[number];

export const LIMIT_QUANTITIES = QUANTITIES;
