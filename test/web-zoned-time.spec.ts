import { wallTimeAt, wallTimeToIso } from '../web/src/zoned-time.js';

/**
 * The badges page's time fields are read in the facility time zone. Paris is UTC+1 in winter
 * (CET) and UTC+2 in summer (CEST); in 2026 summer time starts on 29 March at 02:00 (01:00 UTC),
 * Directive 2000/84/EC (last Sunday of March); Los Angeles is UTC−8 in December (PST).
 */
describe('wall times in a time zone', () => {
  it.each([
    ['2026-12-07T10:15', 'Europe/Paris', '2026-12-07T09:15:00.000Z'],
    ['2026-07-01T10:15', 'Europe/Paris', '2026-07-01T08:15:00.000Z'],
    // An hour before and just after the change: +1 then +2.
    ['2026-03-29T01:30', 'Europe/Paris', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29T03:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
    ['2026-12-07T10:15', 'America/Los_Angeles', '2026-12-07T18:15:00.000Z'],
    ['2026-12-07T10:15', 'UTC', '2026-12-07T10:15:00.000Z'],
  ])('reads %s in %s as %s, and back', (local, zone, instant) => {
    expect(wallTimeToIso(local, zone)).toBe(instant);
    expect(wallTimeAt(Date.parse(instant), zone)).toBe(local);
  });
});
