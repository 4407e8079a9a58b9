import { facilityTz } from './format.js';
import { wallTimeAt, wallTimeToIso } from './zoned-time.js';

/** An instant's day in the facility time zone, `2026-11-26` (never a raw ISO timestamp). */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: facilityTz.value,
    dateStyle: 'short',
  }).format(new Date(iso));
}

/** `2026-03` → `March 2026`. */
export function monthName(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleString('en', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A wall-clock time typed in a `datetime-local` field, read in the facility time zone (the zone
 * every time on these pages is shown in), as an ISO instant for the API.
 */
export const facilityTimeToIso = (local: string): string => wallTimeToIso(local, facilityTz.value);

/** The facility time now, as a `datetime-local` field's value. */
export const facilityNowLocal = (): string => wallTimeAt(Date.now(), facilityTz.value);
