import type { PatientEventFacts } from './patient-facts.js';
import { patientDoseAlerts } from './patient-dose.js';

const MSV = 1_000_000n;
const event = (id: string, effectiveMSv: bigint | null): PatientEventFacts => ({
  id,
  day: '2026-01-01',
  effectiveNsv: effectiveMSv === null ? null : effectiveMSv * MSV,
  airKermaNgy: null,
  dapUgyCm2: null,
});

describe('patientDose: cumulative effective dose at 50 (notice) and 100 mSv (warning)', () => {
  it('adds events and worn dosimeters: 30 + 15 + 5 = 50 mSv is a notice', () => {
    const [alert] = patientDoseAlerts({
      personId: 'p',
      events: [event('a', 30n), event('b', 15n), event('c', null)],
      wornEffectiveNsv: 5n * MSV,
    });
    expect(alert).toMatchObject({
      kind: 'patientDose',
      level: 'notice',
      quantity: 'effective',
      period: 'lifetime',
      valueNsv: 50n * MSV,
      limitNsv: 100n * MSV,
      detail: { events: 3, eventsWithoutEffectiveDose: 1 },
    });
  });

  it('stays quiet 1 nSv short of 50 mSv and warns at 100 mSv', () => {
    const below = { personId: 'p', events: [event('a', 50n)], wornEffectiveNsv: -1n };
    expect(patientDoseAlerts(below)).toEqual([]);
    const at100 = {
      personId: 'p',
      events: [event('a', 60n), event('b', 40n)],
      wornEffectiveNsv: 0n,
    };
    expect(patientDoseAlerts(at100).map((a) => a.level)).toEqual(['warning']);
  });
});
