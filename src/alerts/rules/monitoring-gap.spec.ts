import { monitoringGapAlerts, type WornNow } from './monitoring-gap.js';

const since = new Date('2026-11-02T07:00:00Z');
const wearing = (
  locations: string[],
  apron: boolean,
  pregnancyId: string | null = null,
): WornNow => ({
  personId: 'p1',
  locations: new Set(locations),
  apron,
  since,
  pregnancyId,
});
const gaps = (person: WornNow) =>
  monitoringGapAlerts([person]).map((c) => `${c.quantity} ${c.period}`);

/** DESIGN.md §4, "trunk only, apron (under it)": H(trunk), and a monitoringGap alert. */
describe('monitoringGap', () => {
  it('raises for a trunk badge alone under an apron: head, neck and lens unmonitored', () => {
    expect(gaps(wearing(['trunk'], true))).toEqual(['eyeLens since:2026-11-02T07:00:00.000Z']);
  });

  it('raises for a fetal badge alone under an apron as for a trunk badge', () => {
    expect(gaps(wearing(['fetal'], true, 'g1'))).toEqual([
      'eyeLens since:2026-11-02T07:00:00.000Z',
    ]);
  });

  it('is closed by a collar badge over the apron (the two-badge case)', () => {
    expect(gaps(wearing(['trunk', 'collar'], true))).toEqual([]);
  });

  it('does not raise without an apron: the trunk badge then stands for the lens too', () => {
    expect(gaps(wearing(['trunk'], false))).toEqual([]);
  });

  it('raises for a declared pregnancy with neither a fetal nor a trunk badge', () => {
    expect(gaps(wearing(['collar'], true, 'g1'))).toEqual(['fetal pregnancy:g1']);
    expect(gaps(wearing([], false, 'g1'))).toEqual(['fetal pregnancy:g1']);
    expect(gaps(wearing(['trunk'], false, 'g1'))).toEqual([]);
  });
});
