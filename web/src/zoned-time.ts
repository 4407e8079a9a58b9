/**
 * Wall-clock times in a named time zone, as a `datetime-local` field holds them
 * (`2026-11-26T10:15`), to and from instants. No browser API but Intl: tested in Node too.
 */

/** The wall time read in `timeZone`, as an ISO instant. */
export function wallTimeToIso(local: string, timeZone: string): string {
  const wall = Date.parse(`${local}:00Z`);
  // The zone's offset at that instant; taken twice so a time near a DST change lands right.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The wall time in `timeZone` at an instant, as a `datetime-local` value. */
export function wallTimeAt(instant: number, timeZone: string): string {
  return new Date(instant + offsetAt(instant, timeZone)).toISOString().slice(0, 16);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
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
