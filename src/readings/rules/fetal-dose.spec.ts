import { RULES, uSv, wearerDoses } from './scenario.js';

/**
 * DESIGN.md §4, pregnancy: the fetal dose is the fetal badge's Hp(10) when one is worn, else
 * the mother's under-apron (or un-aproned) trunk Hp(10): "the dose equivalent to the
 * embryo/fetus ... shall be taken as ... the deep-dose equivalent to the declared pregnant
 * woman" (10 CFR 20.1208(c)(1)). Trunk Hp(10) 40 µSv, fetal badge Hp(10) 15 µSv, collar 400.
 * Hand-computed fetal: trunk alone → 40 (apron or not); trunk + fetal badge → 15 (the fetal
 * badge, never 40 + 15); collar alone → none (not her deep dose: the monitoringGap rule says
 * so for a declared pregnancy).
 */
describe('fetal dose: fetal badge, else the trunk badge', () => {
  const trunk = { hp10: uSv(40), hp007: uSv(42) };
  const fetal = { hp10: uSv(15), hp007: uSv(16) };
  const collar = { hp10: uSv(400), hp007: uSv(480) };
  const fetalDose = (badges: Parameters<typeof wearerDoses>[0], apron: boolean | null) =>
    wearerDoses(badges, apron, RULES['us-nrc'], true).fetal;

  it('takes a single trunk badge, with or without an apron or a record of it', () => {
    for (const apron of [true, false, null]) expect(fetalDose({ trunk }, apron)).toBe(uSv(40));
  });

  it('takes the fetal badge over the trunk badge', () => {
    expect(fetalDose({ trunk, fetal }, true)).toBe(uSv(15));
  });

  it('gives none from a collar alone', () => {
    expect(fetalDose({ collar }, true)).toBeUndefined();
  });

  it('gives none outside a declared pregnancy', () => {
    expect(wearerDoses({ trunk }, false, RULES['us-nrc'], false).fetal).toBeUndefined();
  });

  it('lets the fetal badge stand under the apron for her own effective dose', () => {
    // Webster: 1.5 × 15 + 0.04 × 400 = 22.5 + 16 = 38.5 µSv.
    expect(wearerDoses({ fetal, collar }, true, RULES['us-nrc'], true).effective).toBe(uSv(38.5));
  });
});
