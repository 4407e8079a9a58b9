import { RULES, uSv, wearerDoses } from './scenario.js';

/**
 * DESIGN.md §4: skin takes the collar over the trunk (never their sum), and the fetal badge's
 * Hp(0.07) when it is the only body badge. Collar Hp(0.07) 480 µSv, trunk 42, fetal 25.
 * Hand-computed skin: collar + trunk → 480; trunk + fetal → 42; fetal alone → 25.
 */
describe('skin: collar, then trunk, then fetal badge', () => {
  const collar = { hp10: uSv(400), hp007: uSv(480) };
  const trunk = { hp10: uSv(40), hp007: uSv(42) };
  const fetal = { hp10: uSv(20), hp007: uSv(25) };
  const skin = (badges: Parameters<typeof wearerDoses>[0]) =>
    wearerDoses(badges, true, RULES['us-nrc']).skin;

  it('takes the collar over the trunk', () => expect(skin({ collar, trunk })).toBe(uSv(480)));
  it('takes the trunk over the fetal badge', () => expect(skin({ trunk, fetal })).toBe(uSv(42)));
  it('takes the fetal badge alone', () => expect(skin({ fetal })).toBe(uSv(25)));
});
