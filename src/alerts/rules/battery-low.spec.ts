import type { BadgeReading } from './badge-reading.js';
import { batteryLowAlerts } from './battery-low.js';

const t = (seq: number) => new Date(Date.UTC(2026, 10, 26, 10, seq));
const reading = (seq: number, battery: number): BadgeReading => ({
  serial: 'B1',
  seq: BigInt(seq),
  measuredAt: t(seq),
  personId: 'p1',
  doseRateNsvH: null,
  battery,
  reset: false,
});

/**
 * ≤ 20 % notice, ≤ 10 % warning, cleared above 20 % (our thresholds). Battery 50, 20, 15, 10,
 * 21 % (seq 1–5): 20 % opens a notice; 15 % changes nothing; 10 % escalates the same episode
 * to a warning; 21 % clears it.
 */
describe('batteryLow: one episode that escalates and clears', () => {
  it('raises, escalates the same period, then clears', () => {
    const period = `since:${t(2).toISOString()}`;
    const result = batteryLowAlerts(
      'B1',
      undefined,
      [50, 20, 15, 10, 21].map((battery, i) => reading(i + 1, battery)),
    );
    expect(result.raises.map((r) => [r.level, r.period, r.detail?.battery])).toEqual([
      ['notice', period, 20],
      ['warning', period, 10],
    ]);
    expect(result.clears).toEqual([
      { key: `batteryLow||B1||${period}|`, note: 'Battery 21 % at seq 5' },
    ]);
  });

  it('does not start a second episode while one is open', () => {
    const open = { period: 'since:2026-11-25T00:00:00.000Z', rank: 2, startSeq: 1n };
    expect(batteryLowAlerts('B1', open, [reading(7, 9)]).raises).toEqual([]);
  });
});
