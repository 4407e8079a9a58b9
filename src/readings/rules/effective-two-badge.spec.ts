import { RULES, uSv, wearerDoses } from './scenario.js';

/**
 * DESIGN.md §4, "collar (over) + trunk or fetal (under), apron": the profile's two-badge
 * algorithm, reading by reading. One hour of fluoroscopy in a lead apron: under it (trunk)
 * Hp(10) 20 µSv, Hp(0.07) 22 µSv; collar over it Hp(10) 400 µSv, Hp(0.07) 480, Hp(3) 450.
 * Hand-computed:
 * - Webster (us-nrc; Health Phys 1989;56:568): 1.5 × 20 + 0.04 × 400 = 30 + 16 = 46 µSv;
 * - Niklason (eu; Radiology 1993;187:729): 20 + 0.06 × (400 − 20) = 0.94 × 20 + 0.06 × 400
 *   = 18.8 + 24 = 42.8 µSv;
 * - NCRP 122 (1995): 0.5 × 20 + 0.025 × 400 = 10 + 10 = 20 µSv.
 * Skin from the collar only (never both badges): 480; lens from the collar's Hp(3): 450.
 */
describe('effective dose: collar over and trunk under an apron', () => {
  const under = { hp10: uSv(20), hp007: uSv(22) };
  const over = { hp10: uSv(400), hp007: uSv(480), hp3: uSv(450) };

  it.each([
    ['us-nrc', 46],
    ['eu', 42.8],
    ['ncrp122', 20],
  ] as const)('%s gives %s µSv', (profile, effective) => {
    expect(wearerDoses({ trunk: under, collar: over }, true, RULES[profile])).toEqual({
      effective: uSv(effective),
      skin: uSv(480),
      eyeLens: uSv(450),
    });
  });

  it('counts a fetal badge as the badge under the apron (DESIGN.md §4)', () => {
    // Webster with H_u from the fetal badge: 1.5 × 20 + 0.04 × 400 = 46 µSv.
    const pregnant = wearerDoses({ fetal: under, collar: over }, true, RULES['us-nrc'], true);
    expect(pregnant).toMatchObject({ effective: uSv(46), fetal: uSv(20) });
  });

  it('rounds each coefficient × increment half to even at the nSv', () => {
    // 0.94 × 1 nSv = 0.94 → 1; 0.06 × 25 nSv = 1.5 → 2 (even); total 3 nSv.
    expect(
      wearerDoses({ trunk: { hp10: 1n }, collar: { hp10: 25n } }, true, RULES.eu).effective,
    ).toBe(3n);
  });

  it('keeps counting two badges by the algorithm when the apron was not recorded (before the migration)', () => {
    expect(wearerDoses({ trunk: under, collar: over }, null, RULES['us-nrc']).effective).toBe(
      uSv(46),
    );
  });
});
