import { RULES, uSv, wearerDoses } from './scenario.js';

/**
 * DESIGN.md §4, "trunk only, no apron": E = H(trunk). A technologist in CT, no apron, one
 * badge on the chest for a week: Hp(10) 40 µSv, Hp(0.07) 42 µSv, Hp(3) 41 µSv.
 * Hand-computed: effective 40; skin 42 (the trunk is the only skin badge); eye lens 41 (a
 * trunk badge worn without an apron stands for the lens: nothing shields the head more than
 * the chest); no fetal record (none is declared: fetal-dose.spec.ts). The same under both
 * profiles: no coefficient applies.
 */
describe('effective dose: trunk badge alone, no apron', () => {
  const week = { hp10: uSv(40), hp007: uSv(42), hp3: uSv(41) };

  it.each(['us-nrc', 'eu'] as const)('under %s is H(trunk)', (profile) => {
    expect(wearerDoses({ trunk: week }, false, RULES[profile])).toEqual({
      effective: uSv(40),
      skin: uSv(42),
      eyeLens: uSv(41),
    });
  });

  it('takes Hp(0.07) for the lens when the badge has no Hp(3) register', () => {
    const noHp3 = { hp10: uSv(40), hp007: uSv(42) };
    expect(wearerDoses({ trunk: noHp3 }, false, RULES.eu).eyeLens).toBe(uSv(42));
  });
});
