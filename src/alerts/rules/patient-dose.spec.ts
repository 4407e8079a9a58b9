import { addDays } from '../../calendar/days.js';
import { MSV, patientEvent, patientFacts } from './patient-facts.fixture.js';
import { patientDoseAlerts } from './patient-dose.js';

const dose = (day: string, mSv: bigint | null) =>
  patientEvent(day, { effectiveNsv: mSv === null ? null : mSv * MSV });
const summary = (facts: Parameters<typeof patientDoseAlerts>[0]) =>
  patientDoseAlerts(facts).map((a) => `${a.period} ${a.level} ${a.valueNsv} ${a.limitNsv}`);

describe('patientDose: cumulative effective dose, 50 mSv notice, 100 mSv warning', () => {
  it('adds events and worn dosimeters: 30 + 15 + 5 = 50 mSv is a notice, over 5 years and lifetime', () => {
    const events = [dose('2026-01-01', 30n), dose('2026-01-02', 15n), dose('2026-01-03', null)];
    const alerts = patientDoseAlerts(
      patientFacts(events, { wornEffectiveNsv: 5n * MSV, wornRolling5YearsNsv: 5n * MSV }),
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'patientDose',
        level: 'notice',
        quantity: 'effective',
        period: 'rolling5Years',
        valueNsv: 50n * MSV,
        limitNsv: 50n * MSV, // the threshold reached
        detail: expect.objectContaining({ eventsWithoutEffectiveDose: 1 }),
      }),
      expect.objectContaining({
        period: 'lifetime',
        level: 'notice',
        valueNsv: 50n * MSV,
        detail: expect.objectContaining({ events: 3, eventsWithoutEffectiveDose: 1 }),
      }),
    ]);
  });

  it('stays quiet 1 nSv short of 50 mSv and warns at 100 mSv', () => {
    const short = patientFacts([dose('2026-01-01', 49n)], {
      wornEffectiveNsv: MSV - 1n,
      wornRolling5YearsNsv: MSV - 1n,
    });
    expect(summary(short)).toEqual([]);
    const at100 = patientFacts([dose('2026-01-01', 60n), dose('2026-06-01', 40n)]);
    expect(summary(at100)).toEqual([
      `rolling5Years warning ${100n * MSV} ${100n * MSV}`,
      `lifetime warning ${100n * MSV} ${100n * MSV}`,
    ]);
  });

  it('counts rolling 5 years as 60 months: 2021-06-02..2026-06-01 holds both, a day more does not', () => {
    // 60 mSv on 2021-06-02 and 40 mSv on 2026-06-01: the window ending 2026-06-01 starts the
    // day after 2021-06-01, so it holds both: 100 mSv, a warning; lifetime the same.
    expect(summary(patientFacts([dose('2021-06-02', 60n), dose('2026-06-01', 40n)]))).toEqual([
      `rolling5Years warning ${100n * MSV} ${100n * MSV}`,
      `lifetime warning ${100n * MSV} ${100n * MSV}`,
    ]);
    // One day earlier, 2021-06-01, falls out of every 5-year window holding 2026-06-01: the
    // largest window holds 60 mSv (a notice); lifetime still 100 mSv (a warning).
    expect(summary(patientFacts([dose('2021-06-01', 60n), dose('2026-06-01', 40n)]))).toEqual([
      `rolling5Years notice ${60n * MSV} ${50n * MSV}`,
      `lifetime warning ${100n * MSV} ${100n * MSV}`,
    ]);
  });

  it('keeps a past 5-year window that reached a level: 55 mSv in 2010, nothing since', () => {
    const facts = patientFacts([dose('2010-03-01', 55n)], { today: '2026-12-07' });
    expect(patientDoseAlerts(facts)[0]).toMatchObject({
      period: 'rolling5Years',
      level: 'notice',
      detail: { windowFrom: addDays('2005-03-01', 1), windowTo: '2010-03-01', events: 1 },
    });
  });

  it('counts dosimeters worn within the 5 years ending today: 45 mSv of events + 6 mSv worn', () => {
    const facts = patientFacts([dose('2026-01-01', 45n)], {
      today: '2026-12-07',
      wornEffectiveNsv: 6n * MSV,
      wornRolling5YearsNsv: 6n * MSV,
    });
    expect(summary(facts)).toEqual([
      `rolling5Years notice ${51n * MSV} ${50n * MSV}`,
      `lifetime notice ${51n * MSV} ${50n * MSV}`,
    ]);
  });
});
