const formatters = new Map<string, Intl.DateTimeFormat>();
const days = new Map<string, string>();
/** Offsets from UTC change on quarter-hour boundaries at the finest (e.g. UTC+5:45). */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED = 100_000;

/**
 * The calendar day (YYYY-MM-DD) of an instant in the facility's time zone (DESIGN.md §2).
 * Cached per quarter hour: formatting with Intl on the ingestion hot path is costly.
 */
export function dayInZone(at: Date, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(at.getTime() / BUCKET_MS)}`;
  let day = days.get(key);
  if (day === undefined) {
    day = format(at, timeZone);
    if (days.size >= MAX_CACHED) days.clear();
    days.set(key, day);
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
