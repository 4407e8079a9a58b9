import { calibrationDueAlerts } from './calibration-due.js';

/**
 * Today 26 Nov 2026; notice within 30 days (our choice), warning once past. Due 26 Dec: 30
 * days → notice; 27 Dec: 31 days → nothing; today → notice (still calibrated today); 25 Nov →
 * warning.
 */
describe('calibrationDue: soon a notice, past a warning', () => {
  it('levels each badge by its due day', () => {
    const alerts = calibrationDueAlerts(
      [
        { serial: 'A', calibrationDue: '2026-12-26', personId: 'pa' },
        { serial: 'B', calibrationDue: '2026-12-27', personId: null },
        { serial: 'C', calibrationDue: '2026-11-26', personId: null },
        { serial: 'D', calibrationDue: '2026-11-25', personId: 'pd' },
      ],
      '2026-11-26',
    );
    expect(alerts.map((a) => [a.badgeSerial, a.personId, a.level, a.period])).toEqual([
      ['A', 'pa', 'notice', 'due:2026-12-26'],
      ['C', null, 'notice', 'due:2026-11-26'],
      ['D', 'pd', 'warning', 'due:2026-11-25'],
    ]);
  });
});
