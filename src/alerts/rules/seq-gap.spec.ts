import { seqGapAlerts } from './seq-gap.js';

const now = new Date('2026-11-26T12:00:00Z');
const at = (time: string) => new Date(`2026-11-26T${time}:00Z`);

/**
 * Grace 10 minutes (our choice). Now 12:00. B1 seq 10 arrived 11:49 after seq 6: 7–9 missing
 * for 11 minutes → notice keyed by seq 7. B1 seq 20 after 18 arrived 11:55: only 5 minutes, a
 * late reading may still fill it. B2 seq 31 after 25: 26–30 overlaps the known gap 27–29 (an
 * alerted gap since partly filled) → nothing new. B2 41 after 40: no gap.
 */
describe('seqGap: missing seqs that stay missing', () => {
  it('raises once per gap after the grace time', () => {
    const alerts = seqGapAlerts(
      [
        { serial: 'B1', seq: 10n, previousSeq: 6n, receivedAt: at('11:49'), personId: 'p1' },
        { serial: 'B1', seq: 20n, previousSeq: 18n, receivedAt: at('11:55'), personId: 'p1' },
        { serial: 'B2', seq: 31n, previousSeq: 25n, receivedAt: at('10:00'), personId: null },
        { serial: 'B2', seq: 41n, previousSeq: 40n, receivedAt: at('10:00'), personId: null },
      ],
      [{ serial: 'B2', firstMissing: 27n, lastMissing: 29n }],
      now,
    );
    expect(alerts).toEqual([
      {
        kind: 'seqGap',
        level: 'notice',
        personId: 'p1',
        badgeSerial: 'B1',
        quantity: null,
        period: 'seq:7',
        valueNsv: null,
        limitNsv: null,
        detail: { firstMissing: '7', lastMissing: '9', missing: '3', seenSeq: '10' },
      },
    ]);
  });
});
