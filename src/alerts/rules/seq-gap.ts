import { SEQ_GAP_LEVEL } from '../../limits/alert-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';

/** A stored reading and the seq stored just below it for its badge. */
export interface SeqNeighbours {
  serial: string;
  seq: bigint;
  previousSeq: bigint;
  receivedAt: Date;
  personId: string | null;
}

/** The seqs [first, last] an unresolved seqGap alert of the badge covers. */
export interface KnownGap {
  serial: string;
  firstMissing: bigint;
  lastMissing: bigint;
}

/**
 * `seqGap` (DESIGN.md §5): seqs missing between a reading and the one below it, still missing
 * `alertAfterMs` (SEQ_GAP_ALERT_AFTER) after the higher reading arrived (a late reading has that
 * long to fill it). One alert per badge and first missing seq (`seq:42`); a gap that overlaps
 * one already alerted (partly filled since) raises nothing new.
 */
export function seqGapAlerts(
  neighbours: readonly SeqNeighbours[],
  known: readonly KnownGap[],
  now: Date,
  alertAfterMs: number,
): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  for (const { serial, seq, previousSeq, receivedAt, personId } of neighbours) {
    if (seq <= previousSeq + 1n) continue;
    if (now.getTime() - receivedAt.getTime() < alertAfterMs) continue;
    const firstMissing = previousSeq + 1n;
    const lastMissing = seq - 1n;
    const overlaps = known.some(
      (gap) =>
        gap.serial === serial && gap.firstMissing <= lastMissing && gap.lastMissing >= firstMissing,
    );
    if (overlaps) continue;
    candidates.push({
      kind: 'seqGap',
      level: SEQ_GAP_LEVEL,
      personId,
      badgeSerial: serial,
      quantity: null,
      period: `seq:${firstMissing}`,
      valueNsv: null,
      limitNsv: null,
      detail: {
        firstMissing: firstMissing.toString(),
        lastMissing: lastMissing.toString(),
        missing: (lastMissing - firstMissing + 1n).toString(),
        seenSeq: seq.toString(),
      },
    });
  }
  return candidates;
}
