import { RULES, uSv, wearerDoses } from './scenario.js';

/**
 * DESIGN.md §4, "collar only, apron": E = factor × H(collar). The profile's single-collar
 * factor: 0.3 under `us-nrc` (CRCPD Suggested State Regulations Part D, Sec. D.1201(c); see
 * the migration's source text), 1.0 under `eu`, where no source names one. A cardiologist in
 * an apron with one badge at the collar: Hp(10) 400 µSv, Hp(0.07) 480, Hp(3) 450.
 * Hand-computed: us-nrc effective 0.3 × 400 = 120 µSv; eu 1.0 × 400 = 400 µSv. Skin 480 and
 * lens 450 from the collar; no fetal record (no badge under the apron).
 */
describe('effective dose: one collar badge over an apron', () => {
  const over = { hp10: uSv(400), hp007: uSv(480), hp3: uSv(450) };

  it.each([
    ['us-nrc', 120],
    ['eu', 400],
  ] as const)('%s gives %s µSv', (profile, effective) => {
    expect(wearerDoses({ collar: over }, true, RULES[profile])).toEqual({
      effective: uSv(effective),
      skin: uSv(480),
      eyeLens: uSv(450),
    });
  });

  it('counts the collar whole without an apron: nothing is over it to discount', () => {
    expect(wearerDoses({ collar: over }, false, RULES['us-nrc']).effective).toBe(uSv(400));
  });

  it('gives no effective dose from a collar worn beside an un-aproned trunk badge', () => {
    // No apron: the trunk badge gives E (40), the collar skin and lens only.
    const trunk = { hp10: uSv(40), hp007: uSv(42) };
    expect(wearerDoses({ trunk, collar: over }, false, RULES['us-nrc'])).toEqual({
      effective: uSv(40),
      skin: uSv(480),
      eyeLens: uSv(450),
    });
  });
});
