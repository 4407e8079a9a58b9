import { alertKey } from './alert-candidate.js';
import type { BadgeReading } from './badge-reading.js';
import { doseRateAlerts } from './dose-rate.js';

const t = (seq: number) => new Date(Date.UTC(2026, 10, 26, 10, seq));
const reading = (seq: number, usvH: number | null): BadgeReading => ({
  serial: 'B1',
  seq: BigInt(seq),
  measuredAt: t(seq),
  personId: 'p1',
  doseRateNsvH: usvH === null ? null : BigInt(Math.round(usvH * 1000)),
  battery: null,
  reset: false,
});
const key = (seq: number) =>
  alertKey({
    kind: 'doseRate',
    personId: null,
    badgeSerial: 'B1',
    quantity: null,
    period: `since:${t(seq).toISOString()}`,
  });

/**
 * Alert at ≥ 500 µSv/h, clear below 80 % of it, 400 µSv/h (DESIGN.md §5). Readings 100, 520,
 * 600, 450, 399.999, 700 µSv/h (seq 1–6): seq 2 opens an episode; 600 changes nothing (open);
 * 450 is in the hysteresis band; 399.999 clears; 700 opens a second episode.
 */
describe('doseRate: high rate with hysteresis', () => {
  it('opens, holds, clears and opens again', () => {
    const result = doseRateAlerts(
      'B1',
      undefined,
      [100, 520, 600, 450, 399.999, 700].map((rate, i) => reading(i + 1, rate)),
    );
    expect(result.raises).toEqual([
      expect.objectContaining({
        kind: 'doseRate',
        level: 'high',
        badgeSerial: 'B1',
        personId: 'p1',
        period: `since:${t(2).toISOString()}`,
        detail: expect.objectContaining({ doseRateMicroSvPerH: 520, seq: '2' }),
      }),
      expect.objectContaining({ period: `since:${t(6).toISOString()}` }),
    ]);
    expect(result.clears).toEqual([{ key: key(2), note: expect.stringContaining('399.999') }]);
  });

  it('clears a stored episode only with a later reading, ignoring readings without a rate', () => {
    const open = { period: `since:${t(10).toISOString()}`, rank: 3, startSeq: 10n };
    const late = doseRateAlerts('B1', open, [reading(9, 50), reading(11, null)]);
    expect(late).toEqual({ raises: [], clears: [] });
    const later = doseRateAlerts('B1', open, [reading(12, 50)]);
    expect(later.clears.map((c) => c.key)).toEqual([key(10)]);
  });
});

describe('doseRate: readings stored after, evaluated before', () => {
  it('lets a later clear end the episode a late reading opens, and no later reading open one', () => {
    const late = doseRateAlerts(
      'B1',
      undefined,
      [reading(5, 640)],
      [reading(7, 900), reading(8, 12)],
    );
    expect(late.raises.map((raise) => raise.period)).toEqual([`since:${t(5).toISOString()}`]);
    expect(late.clears).toEqual([{ key: key(5), note: expect.stringContaining('seq 8') }]);
    const onlyLater = doseRateAlerts('B1', undefined, [reading(5, 100)], [reading(7, 900)]);
    expect(onlyLater).toEqual({ raises: [], clears: [] });
  });
});
