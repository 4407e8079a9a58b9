import { RULES, uSv, wearerDoses } from './scenario.js';

/**
 * DESIGN.md §4, "trunk only, apron (under it)": E = H(trunk), and a `monitoringGap` alert
 * (alerts/rules/monitoring-gap.ts): head, neck and lens are not monitored. Under the apron:
 * Hp(10) 20 µSv, Hp(0.07) 22 µSv, Hp(3) 21 µSv.
 * Hand-computed: effective 20 (no coefficient: H(trunk)); skin 22; NO eye lens (the badge is
 * shielded, the head is not: the lens is not monitored, shown as such).
 */
describe('effective dose: trunk badge alone under an apron', () => {
  const under = { hp10: uSv(20), hp007: uSv(22), hp3: uSv(21) };

  it.each(['us-nrc', 'eu'] as const)('under %s is H(trunk), and no lens dose', (profile) => {
    expect(wearerDoses({ trunk: under }, true, RULES[profile])).toEqual({
      effective: uSv(20),
      skin: uSv(22),
    });
  });

  it('gives no lens dose either when the apron was not recorded (before the migration)', () => {
    expect(wearerDoses({ trunk: under }, null, RULES.eu).eyeLens).toBeUndefined();
  });
});
