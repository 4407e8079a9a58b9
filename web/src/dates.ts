import { facilityTz } from './format.js';

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
 * A wall-clock time typed in a `datetime-local` field (`2026-11-26T10:15`), read in the facility
 * time zone (the zone every time on these pages is shown in), as an ISO instant for the API.
 */
export function facilityTimeToIso(local: string): string {
  const wall = Date.parse(`${local}:00Z`);
  // The zone's offset at that instant; taken twice so a time near a DST change lands right.
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** The facility time now, as a `datetime-local` field's value. */
export function facilityNowLocal(): string {
  const now = Date.now();
  return new Date(now + offsetAt(now)).toISOString().slice(0, 16);
}

/** How far the facility's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: facilityTz.value,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}
