import { alertKey, levelAtFraction } from './alert-candidate.js';
import { quarterOfDay } from '../../calendar/periods.js';
import { DOSE_LIMIT_LEVELS } from '../../limits/alert-thresholds.js';

describe('alert identity and levels', () => {
  it('keys person kinds by person and badge kinds by badge alone', () => {
    const base = { badgeSerial: null, quantity: 'effective', period: 'year:2026' };
    expect(alertKey({ ...base, kind: 'doseLimit', personId: 'p1' })).toBe(
      'doseLimit|p1||effective|year:2026|',
    );
    // The wearer changes during a dose-rate episode: still the same alert.
    const episode = {
      kind: 'doseRate' as const,
      badgeSerial: 'B1',
      quantity: null,
      period: 'since:x',
    };
    expect(alertKey({ ...episode, personId: 'p1' })).toBe(alertKey({ ...episode, personId: 'p2' }));
  });

  it('compares fractions exactly', () => {
    // 1/3 of a limit of 3 nSv is 33.3 %: warning; 2 999 999 of 10 000 000 is 29.99999 %: notice.
    expect(levelAtFraction(1n, 3n, DOSE_LIMIT_LEVELS)).toBe('warning');
    expect(levelAtFraction(2_999_999n, 10_000_000n, DOSE_LIMIT_LEVELS)).toBe('notice');
  });

  it('names calendar quarters', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'].map(quarterOfDay)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q4',
    ]);
  });
});
