import { badgeSilentAlerts } from './badge-silent.js';

const HOUR = 3_600_000;
const now = new Date('2026-11-26T12:00:00Z');
const assigned = new Date('2026-11-01T00:00:00Z');

/**
 * BADGE_SILENT_AFTER 24 h (DESIGN.md §8 default), now 26 Nov 12:00. A: last seen 25 Nov 11:59,
 * quiet 24 h 1 min → warning. B: last seen exactly 24 h ago → not yet. C: never seen, assigned
 * 1 Nov → quiet since its assignment. D: seen 1 Nov but handed to its wearer 26 Nov 06:00 →
 * quiet only 6 h.
 */
describe('badgeSilent: an assigned badge quiet too long', () => {
  it('raises for A and C, keyed by when they went quiet', () => {
    const alerts = badgeSilentAlerts(
      [
        {
          serial: 'A',
          personId: 'pa',
          lastSeenAt: new Date('2026-11-25T11:59:00Z'),
          assignedFrom: assigned,
        },
        {
          serial: 'B',
          personId: 'pb',
          lastSeenAt: new Date('2026-11-25T12:00:00Z'),
          assignedFrom: assigned,
        },
        { serial: 'C', personId: 'pc', lastSeenAt: null, assignedFrom: assigned },
        {
          serial: 'D',
          personId: 'pd',
          lastSeenAt: assigned,
          assignedFrom: new Date('2026-11-26T06:00:00Z'),
        },
      ],
      now,
      24 * HOUR,
    );
    expect(alerts.map((a) => [a.badgeSerial, a.personId, a.level, a.period])).toEqual([
      ['A', 'pa', 'warning', 'since:2026-11-25T11:59:00.000Z'],
      ['C', 'pc', 'warning', 'since:2026-11-01T00:00:00.000Z'],
    ]);
    expect(alerts[1].detail).toEqual({
      silentSince: '2026-11-01T00:00:00.000Z',
      lastSeenAt: null,
      silentForHours: 25 * 24 + 12,
    });
  });
});
