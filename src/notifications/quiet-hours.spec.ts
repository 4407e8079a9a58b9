import { releaseTime } from './quiet-hours.js';

describe('releaseTime', () => {
  const night = { from: '22:00', to: '07:00' };
  const at = (iso: string) => new Date(iso);

  it('holds a notice or warning raised in the quiet hours until they end', () => {
    expect(releaseTime(at('2026-03-01T03:15:20Z'), 'warning', night, 'UTC')).toEqual(
      at('2026-03-01T07:00:00Z'),
    );
    expect(releaseTime(at('2026-03-01T23:30:00Z'), 'notice', night, 'UTC')).toEqual(
      at('2026-03-02T07:00:00Z'),
    );
  });

  it('never holds high or critical', () => {
    const now = at('2026-03-01T03:15:00Z');
    expect(releaseTime(now, 'high', night, 'UTC')).toBe(now);
    expect(releaseTime(now, 'critical', night, 'UTC')).toBe(now);
  });

  it('sends at once outside the quiet hours or without them', () => {
    const now = at('2026-03-01T12:00:00Z');
    expect(releaseTime(now, 'notice', night, 'UTC')).toBe(now);
    expect(releaseTime(now, 'notice', undefined, 'UTC')).toBe(now);
  });

  it('reads the quiet hours on the facility clock', () => {
    // 21:30 UTC is 22:30 in Paris in winter (CET, UTC+1): quiet there until 07:00 CET.
    expect(releaseTime(at('2026-01-10T21:30:00Z'), 'notice', night, 'Europe/Paris')).toEqual(
      at('2026-01-11T06:00:00Z'),
    );
  });
});
