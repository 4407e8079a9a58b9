/** Levels that quiet hours never hold back: a dose over a limit cannot wait for the morning. */
const NEVER_QUIET = new Set(['high', 'critical']);

/** A rule's quiet hours, `HH:MM[:SS]` wall-clock times in the facility's zone; may span midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

const MINUTES_A_DAY = 24 * 60;

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/** The wall-clock minute of the day of `at` in `timeZone`. */
function minuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/**
 * When a notification of `level` raised at `now` may go out: `now`, or the end of the rule's
 * quiet hours for `notice` and `warning` raised inside them. The end is counted in minutes from
 * `now`, so a daylight-saving change inside the quiet hours moves it by that hour.
 */
export function releaseTime(
  now: Date,
  level: string,
  quiet: QuietHours | undefined,
  timeZone: string,
): Date {
  if (!quiet || NEVER_QUIET.has(level)) return now;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return now;
  const minute = minuteOfDay(now, timeZone);
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return now;
  const untilEnd = (to - minute + MINUTES_A_DAY) % MINUTES_A_DAY;
  const start = new Date(now);
  start.setUTCSeconds(0, 0);
  return new Date(start.getTime() + untilEnd * 60_000);
}
