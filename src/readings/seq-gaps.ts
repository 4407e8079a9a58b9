import type { SeqBounds } from './reading-store.js';

/**
 * The seqs of one badge's readings left with no reading at the seq just below them by a batch,
 * where the batch opened the gap: the reading or the one below it is new. A gap between two
 * stored readings was recorded by the batch that stored the later of them. Each such seq is a
 * candidate for the scheduled `seqGap` rule (DESIGN.md §5), which confirms it after the grace
 * time, when a late reading may have filled it.
 *
 * `stored`: the badge's stored seqs that the batch's neighbourhood read, `fresh`: the batch's
 * new seqs, both ascending; `bounds`: the stored seqs just outside them.
 */
export function openedGaps(
  bounds: SeqBounds,
  stored: readonly bigint[],
  fresh: readonly bigint[],
): bigint[] {
  const gaps: bigint[] = [];
  let lower = bounds.below;
  let lowerFresh = false;
  let s = 0;
  let f = 0;
  // A merge of the two ascending lists: no sort, no set, per badge of every batch.
  while (s < stored.length || f < fresh.length) {
    const isFresh = s === stored.length || (f < fresh.length && fresh[f] < stored[s]);
    const seq = isFresh ? fresh[f++] : stored[s++];
    if (lower !== undefined && seq > lower + 1n && (isFresh || lowerFresh)) gaps.push(seq);
    lower = seq;
    lowerFresh = isFresh;
  }
  const { above } = bounds;
  if (above !== undefined && lowerFresh && above > (lower as bigint) + 1n) gaps.push(above);
  return gaps;
}
