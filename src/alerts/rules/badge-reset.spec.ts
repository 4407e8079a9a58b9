import { badgeResetAlerts } from './badge-reset.js';

/** Seq 7's register went down (DESIGN.md §3.1): one notice keyed by badge and seq. */
describe('badgeReset: one notice per reset reading', () => {
  it('raises for the reset reading only', () => {
    const at = new Date('2026-11-26T10:07:00Z');
    const base = {
      serial: 'B1',
      measuredAt: at,
      personId: 'p1',
      doseRateNsvH: null,
      battery: null,
    };
    const alerts = badgeResetAlerts([
      { ...base, seq: 6n, reset: false },
      { ...base, seq: 7n, reset: true },
    ]);
    expect(alerts).toEqual([
      {
        kind: 'badgeReset',
        level: 'notice',
        personId: 'p1',
        badgeSerial: 'B1',
        quantity: null,
        period: 'seq:7',
        valueNsv: null,
        limitNsv: null,
        detail: { seq: '7', measuredAt: '2026-11-26T10:07:00.000Z' },
      },
    ]);
  });
});
