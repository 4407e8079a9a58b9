import { seqGapAlerts } from './seq-gap.js';

const now = new Date('2026-11-26T12:00:00Z');
const at = (time: string) => new Date(`2026-11-26T${time}:00Z`);
const MINUTE = 60_000;

/**
 * SEQ_GAP_ALERT_AFTER 10 minutes (the default). Now 12:00. B1 seq 10 arrived 11:49 after seq 6: 7–9 missing
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
      10 * MINUTE,
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

/**
 * SEQ_GAP_ALERT_AFTER 2 minutes. Now 12:00. B1 seq 10 arrived 11:57 after seq 6: open for 3
 * minutes → raised. B1 seq 20 arrived 11:59 after 18: 1 minute, not yet. The same gaps under the
 * default 10 minutes raise nothing.
 */
describe('seqGap: the time a gap may stay open is a setting', () => {
  const neighbours = [
    { serial: 'B1', seq: 10n, previousSeq: 6n, receivedAt: at('11:57'), personId: 'p1' },
    { serial: 'B1', seq: 20n, previousSeq: 18n, receivedAt: at('11:59'), personId: 'p1' },
  ];

  it('raises a gap open longer than the setting, and none younger', () => {
    expect(seqGapAlerts(neighbours, [], now, 2 * MINUTE).map((a) => a.period)).toEqual(['seq:7']);
    expect(seqGapAlerts(neighbours, [], now, 10 * MINUTE)).toEqual([]);
  });
});
