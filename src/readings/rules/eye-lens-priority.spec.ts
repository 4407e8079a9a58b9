import { RULES, uSv, wearerDoses } from './scenario.js';

/**
 * DESIGN.md §4: the eye lens takes the eye badge, else the collar, else an un-aproned trunk
 * badge, else it is not monitored; never two badges summed. Readings over one procedure:
 * eye badge Hp(3) 300 µSv; collar Hp(10) 400, Hp(0.07) 480, Hp(3) 450; trunk Hp(10) 40,
 * Hp(0.07) 42, Hp(3) 41.
 * Hand-computed lens: eye + collar + trunk → 300 (the eye badge); collar + trunk → 450;
 * trunk alone, no apron → 41; trunk alone under an apron → none.
 */
describe('eye lens: eye badge, then collar, then un-aproned trunk', () => {
  const eye = { hp3: uSv(300), hp007: uSv(310) };
  const collar = { hp10: uSv(400), hp007: uSv(480), hp3: uSv(450) };
  const trunk = { hp10: uSv(40), hp007: uSv(42), hp3: uSv(41) };
  const lens = (badges: Parameters<typeof wearerDoses>[0], apron: boolean) =>
    wearerDoses(badges, apron, RULES.eu).eyeLens;

  it('takes the eye badge over the collar and the trunk', () => {
    expect(lens({ eye, collar, trunk }, true)).toBe(uSv(300));
    expect(lens({ eye, trunk }, false)).toBe(uSv(300));
  });

  it('takes the collar over the trunk', () => {
    expect(lens({ collar, trunk }, false)).toBe(uSv(450));
  });

  it('takes an un-aproned trunk badge alone, and nothing under an apron', () => {
    expect(lens({ trunk }, false)).toBe(uSv(41));
    expect(lens({ trunk }, true)).toBeUndefined();
  });

  it('takes the eye badge alone without any other quantity', () => {
    expect(wearerDoses({ eye }, true, RULES.eu)).toEqual({ eyeLens: uSv(300) });
  });
});
