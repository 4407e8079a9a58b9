import { wallTimeToInstant, zoneOffsetAt } from '../../src/calendar/zone-offset.js';

/**
 * Wall-clock times in a named time zone, as a `datetime-local` field holds them
 * (`2026-11-26T10:15`), to and from instants. No browser API but Intl: tested in Node too.
 */

/** The wall time read in `timeZone`, as an ISO instant. */
export function wallTimeToIso(local: string, timeZone: string): string {
  return new Date(wallTimeToInstant(Date.parse(`${local}:00Z`), timeZone)).toISOString();
}

/** The wall time in `timeZone` at an instant, as a `datetime-local` value. */
export function wallTimeAt(instant: number, timeZone: string): string {
  return new Date(instant + zoneOffsetAt(instant, timeZone)).toISOString().slice(0, 16);
}
