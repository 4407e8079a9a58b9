const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per time zone: quarter-hour bucket → day. */
const days = new Map<string, Map<number, string>>();
/** Offsets from UTC change on quarter-hour boundaries at the finest (e.g. UTC+5:45). */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED = 100_000;

/**
 * The calendar day (YYYY-MM-DD) of an instant in the facility's time zone (DESIGN.md §2).
 * Cached per quarter hour: formatting with Intl on the ingestion hot path is costly.
 */
export function dayInZone(at: Date, timeZone: string): string {
  let zoneDays = days.get(timeZone);
  if (!zoneDays) days.set(timeZone, (zoneDays = new Map<number, string>()));
  const bucket = Math.floor(at.getTime() / BUCKET_MS);
  let day = zoneDays.get(bucket);
  if (day === undefined) {
    day = format(at, timeZone);
    if (zoneDays.size >= MAX_CACHED) zoneDays.clear();
    zoneDays.set(bucket, day);
  }
  return day;
}

function format(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}
