import { addDays } from '../../calendar/days.js';
import type { PatientEventFacts } from './patient-facts.js';
import { patientSkinAlerts } from './patient-skin.js';

const GY = 1_000_000_000n; // nGy
const GY_CM2 = 1_000_000n; // µGy·cm²
const D = '2026-03-01';
let ids = 0;
const kerma = (day: string, gy: bigint, dap: bigint | null = null): PatientEventFacts => ({
  id: `e${++ids}`,
  day,
  effectiveNsv: null,
  airKermaNgy: gy,
  dapUgyCm2: dap,
});
const summary = (events: PatientEventFacts[]) =>
  patientSkinAlerts({ personId: 'p', events, wornEffectiveNsv: 0n }).map(
    (a) => `${a.quantity} ${a.period?.replace(/^event:e\d+$/, 'event')} ${a.level} ${a.valueNsv}`,
  );

describe('patientSkin: reference air kerma per event and over 12 weeks, DAP over 12 weeks', () => {
  it('raises per event at 3 Gy (notice) and 5 Gy (high); one event alone raises no sum alert', () => {
    expect(summary([kerma(D, 3n * GY)])).toEqual([`referenceAirKerma event notice ${3n * GY}`]);
    expect(summary([kerma(D, 5n * GY)])).toEqual([`referenceAirKerma event high ${5n * GY}`]);
    expect(summary([kerma(D, 3n * GY - 1n)])).toEqual([]);
  });

  it('sums events less than 12 weeks apart: 2 + 1.5 Gy 30 days apart is a notice', () => {
    const events = [kerma(D, 2n * GY), kerma(addDays(D, 30), (3n * GY) / 2n)];
    expect(summary(events)).toEqual([`referenceAirKerma 12weeks:${D} notice ${(7n * GY) / 2n}`]);
  });

  it('counts 12 weeks as 84 days: 83 days apart sum, 84 days apart do not', () => {
    expect(summary([kerma(D, 2n * GY), kerma(addDays(D, 83), 2n * GY)])).toEqual([
      `referenceAirKerma 12weeks:${D} notice ${4n * GY}`,
    ]);
    expect(summary([kerma(D, 2n * GY), kerma(addDays(D, 84), 2n * GY)])).toEqual([]);
  });

  it('keeps one alert for a series, valued at its largest 12-week window', () => {
    // 2 Gy on days 0, 60 and 120: windows (0..60) and (60..120) each hold 4 Gy; never 6.
    const events = [0, 60, 120].map((d) => kerma(addDays(D, d), 2n * GY));
    expect(summary(events)).toEqual([`referenceAirKerma 12weeks:${D} notice ${4n * GY}`]);
  });

  it('raises a sum alert above the level its events reached alone: 4 + 4 Gy is high', () => {
    expect(summary([kerma(D, 4n * GY), kerma(addDays(D, 10), 4n * GY)])).toEqual([
      `referenceAirKerma event notice ${4n * GY}`,
      `referenceAirKerma event notice ${4n * GY}`,
      `referenceAirKerma 12weeks:${D} high ${8n * GY}`,
    ]);
  });

  it('sums dose-area product over 12 weeks: 150 + 60 Gy·cm² is a notice', () => {
    const events = [
      kerma(D, 0n, 150n * GY_CM2),
      kerma(addDays(D, 20), 0n, 60n * GY_CM2),
      kerma(addDays(D, 200), 0n, 199n * GY_CM2),
    ];
    expect(summary(events)).toEqual([`dap 12weeks:${D} notice ${210n * GY_CM2}`]);
  });
});
