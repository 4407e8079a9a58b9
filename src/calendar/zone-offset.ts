/**
 * Wall-clock time in a named time zone against instants, with nothing but Intl (so the web UI
 * bundles it too). A wall time is written as the UTC instant with the same digits
 * (`Date.UTC(year, month - 1, day, hour, minute, second)`).
 */

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
export function zoneOffsetAt(instant: number, timeZone: string): number {
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

/**
 * The instant of a wall time in the zone. The offset is taken twice, the second time at the
 * instant the first found, so a time near a daylight-saving change lands right.
 */
export function wallTimeToInstant(wallAsUtc: number, timeZone: string): number {
  const first = wallAsUtc - zoneOffsetAt(wallAsUtc, timeZone);
  return wallAsUtc - zoneOffsetAt(first, timeZone);
}
