import { endOfDayIn, startOfDayIn } from '../web/src/zoned-day.js';

/**
 * The readings export's range on the Reports page: facility days turned into instants. Hand
 * computed from the zones' offsets: Paris is UTC+1 in winter and UTC+2 in summer (clocks go
 * forward on 29 March 2026 and back on 25 October 2026, EU Directive 2000/84/EC Art. 2–3),
 * Kathmandu UTC+5:45 all year.
 */
describe('facility days as instants (web/src/zoned-day.ts)', () => {
  it.each([
    ['2026-01-15', 'UTC', '2026-01-15T00:00:00.000Z'],
    ['2026-01-15', 'Europe/Paris', '2026-01-14T23:00:00.000Z'],
    ['2026-07-15', 'Europe/Paris', '2026-07-14T22:00:00.000Z'],
    ['2026-03-29', 'Europe/Paris', '2026-03-28T23:00:00.000Z'],
    ['2026-01-01', 'Asia/Kathmandu', '2025-12-31T18:15:00.000Z'],
    ['2026-01-01', 'America/New_York', '2026-01-01T05:00:00.000Z'],
  ])('%s in %s starts at %s', (day, zone, instant) => {
    expect(startOfDayIn(day, zone)).toBe(instant);
  });

  it('ends a day where the next begins: 23 hours on the day Paris moves its clocks forward', () => {
    const start = Date.parse(startOfDayIn('2026-03-29', 'Europe/Paris'));
    const end = Date.parse(endOfDayIn('2026-03-29', 'Europe/Paris'));
    expect((end - start) / 3_600_000).toBe(23);
  });
});
