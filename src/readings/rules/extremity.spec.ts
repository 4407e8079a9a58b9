import { RULES, uSv, wearerDoses } from './scenario.js';

/**
 * DESIGN.md §4: an extremity badge's Hp(0.07) is the extremity dose, and nothing else. Two
 * rings at once are kept per side and the record takes the MOST exposed one, per period
 * (ledger/extremity-sides.spec.ts has the sums). Ring Hp(0.07) 900 µSv.
 */
describe('extremity: a ring badge', () => {
  it('gives its Hp(0.07) to the extremity only', () => {
    expect(wearerDoses({ extremity: { hp10: uSv(500), hp007: uSv(900) } }, true, RULES.eu)).toEqual(
      {
        extremity: uSv(900),
      },
    );
  });
});
