import { addDays } from '../../calendar/days.js';
import type { PatientEventFacts } from './patient-facts.js';
import { GY, GY_CM2, MIN, patientEvent, patientFacts } from './patient-facts.fixture.js';
import { patientSkinAlerts } from './patient-skin.js';

const D = '2026-03-01';
const kerma = (day: string, ngy: bigint, dap: bigint | null = null) =>
  patientEvent(day, { airKermaNgy: ngy, dapUgyCm2: dap });
const summary = (events: PatientEventFacts[]) =>
  patientSkinAlerts(patientFacts(events)).map(
    (a) =>
      `${a.quantity} ${a.period?.replace(/^event:e\d+$/, 'event')} ${a.level} ${a.valueNsv} ${a.limitNsv}`,
  );

describe('patientSkin per procedure (NCRP 168, SIR 2009): air kerma, peak skin dose, KAP, fluoroscopy time', () => {
  it('raises air kerma at 3 Gy (notice) and 5 Gy (high), not 1 nGy below 3 Gy', () => {
    expect(summary([kerma(D, 3n * GY)])).toEqual([
      `referenceAirKerma event notice ${3n * GY} ${3n * GY}`,
    ]);
    expect(summary([kerma(D, 5n * GY)])).toEqual([
      `referenceAirKerma event high ${5n * GY} ${5n * GY}`,
    ]);
    expect(summary([kerma(D, 3n * GY - 1n)])).toEqual([]);
  });

  it('raises peak skin dose at 3 Gy (high) when reported, and nothing without it', () => {
    expect(summary([patientEvent(D, { peakSkinDoseNgy: 3n * GY })])).toEqual([
      `peakSkinDose event high ${3n * GY} ${3n * GY}`,
    ]);
    expect(summary([patientEvent(D, { peakSkinDoseNgy: 3n * GY - 1n })])).toEqual([]);
  });

  it('raises KAP at 500 Gy·cm² (high) and fluoroscopy time at 60 min (warning)', () => {
    // 500 Gy·cm² is also ≥ 200 over 12 weeks: the sum's notice comes with it.
    expect(summary([patientEvent(D, { dapUgyCm2: 500n * GY_CM2 })])).toEqual([
      `dap event high ${500n * GY_CM2} ${500n * GY_CM2}`,
      `dap 12weeks:${D} notice ${500n * GY_CM2} ${200n * GY_CM2}`,
    ]);
    expect(summary([patientEvent(D, { fluoroTimeUs: 60n * MIN })])).toEqual([
      `fluoroTime event warning ${60n * MIN} ${60n * MIN}`,
    ]);
    // 59 min 59 s: below.
    expect(summary([patientEvent(D, { fluoroTimeUs: 60n * MIN - 1_000_000n })])).toEqual([]);
  });

  it('sums the irradiation events of one study: 2 + 1.5 Gy in study S is one 3.5 Gy procedure', () => {
    const events = [
      patientEvent(D, { studyUid: 'S', airKermaNgy: 2n * GY, fluoroTimeUs: 40n * MIN }),
      patientEvent(D, { studyUid: 'S', airKermaNgy: (3n * GY) / 2n, fluoroTimeUs: 25n * MIN }),
    ];
    expect(summary(events)).toEqual([
      `referenceAirKerma study:S notice ${(7n * GY) / 2n} ${3n * GY}`,
      `fluoroTime study:S warning ${65n * MIN} ${60n * MIN}`,
    ]);
  });
});

describe('patientSkin over 12 weeks: reference air kerma and DAP summed over procedures', () => {
  it('sums procedures less than 12 weeks apart: 2 + 1.5 Gy 30 days apart is a notice', () => {
    const events = [kerma(D, 2n * GY), kerma(addDays(D, 30), (3n * GY) / 2n)];
    expect(summary(events)).toEqual([
      `referenceAirKerma 12weeks:${D} notice ${(7n * GY) / 2n} ${3n * GY}`,
    ]);
  });

  it('counts 12 weeks as 84 days: 83 days apart sum, 84 days apart do not', () => {
    expect(summary([kerma(D, 2n * GY), kerma(addDays(D, 83), 2n * GY)])).toEqual([
      `referenceAirKerma 12weeks:${D} notice ${4n * GY} ${3n * GY}`,
    ]);
    expect(summary([kerma(D, 2n * GY), kerma(addDays(D, 84), 2n * GY)])).toEqual([]);
  });

  it('keeps one alert for a series, valued at its largest 12-week window', () => {
    // 2 Gy on days 0, 60 and 120: windows (0..60) and (60..120) each hold 4 Gy; never 6.
    const events = [0, 60, 120].map((d) => kerma(addDays(D, d), 2n * GY));
    expect(summary(events)).toEqual([
      `referenceAirKerma 12weeks:${D} notice ${4n * GY} ${3n * GY}`,
    ]);
  });

  it('raises a sum alert above the level its procedures reached alone: 4 + 4 Gy is high', () => {
    expect(summary([kerma(D, 4n * GY), kerma(addDays(D, 10), 4n * GY)])).toEqual([
      `referenceAirKerma event notice ${4n * GY} ${3n * GY}`,
      `referenceAirKerma event notice ${4n * GY} ${3n * GY}`,
      `referenceAirKerma 12weeks:${D} high ${8n * GY} ${5n * GY}`,
    ]);
  });

  it('sums dose-area product over 12 weeks: 150 + 60 Gy·cm² is a notice, 199 alone later is not', () => {
    const events = [
      kerma(D, 0n, 150n * GY_CM2),
      kerma(addDays(D, 20), 0n, 60n * GY_CM2),
      kerma(addDays(D, 200), 0n, 199n * GY_CM2),
    ];
    expect(summary(events)).toEqual([`dap 12weeks:${D} notice ${210n * GY_CM2} ${200n * GY_CM2}`]);
  });
});

describe('patientSkin over 12 months: peak skin dose above 15 Gy is critical (Joint Commission)', () => {
  const psd = (day: string, gy: bigint) => patientEvent(day, { peakSkinDoseNgy: gy });

  it('sums 6 + 5 + 4.000000001 Gy within 12 months: critical; exactly 15 Gy is not', () => {
    const days = [D, addDays(D, 100), addDays(D, 300)];
    const above = patientSkinAlerts(
      patientFacts([psd(days[0], 6n * GY), psd(days[1], 5n * GY), psd(days[2], 4n * GY + 1n)]),
    ).filter((a) => a.period?.startsWith('12months'));
    expect(above).toEqual([
      expect.objectContaining({
        quantity: 'peakSkinDose',
        level: 'critical',
        period: `12months:${D}`,
        valueNsv: 15n * GY + 1n,
        limitNsv: 15n * GY,
        detail: expect.objectContaining({
          windowTo: days[2],
          skinField: 'not reported: the peak skin doses of every field are summed',
        }),
      }),
    ]);
    const exactly = [psd(days[0], 6n * GY), psd(days[1], 5n * GY), psd(days[2], 4n * GY)];
    expect(summary(exactly).filter((line) => line.includes('12months'))).toEqual([]);
  });

  it('counts 12 months by the calendar: 2026-03-01 and 2027-02-28 sum, 2027-03-01 does not', () => {
    const within = [psd('2026-03-01', 8n * GY), psd('2027-02-28', 8n * GY)];
    expect(summary(within)).toContain(
      `peakSkinDose 12months:2026-03-01 critical ${16n * GY} ${15n * GY}`,
    );
    const apart = [psd('2026-03-01', 8n * GY), psd('2027-03-01', 8n * GY)];
    expect(summary(apart).filter((line) => line.includes('12months'))).toEqual([]);
  });
});
