import { levelRank, type AlertLevel } from './alert-candidate.js';
import { ascending, sortInOrder } from '../../common/sort-in-order.js';

/** What one reading says about a badge condition that comes and goes (dose rate, battery). */
export type EpisodeSignal = AlertLevel | 'clear' | 'hold';

export interface EpisodeObservation<T> {
  seq: bigint;
  measuredAt: Date;
  signal: EpisodeSignal;
  /** The reading, for the alert's facts. */
  reading: T;
}

/** The badge's unresolved episode, as stored. */
export interface OpenEpisode {
  period: string;
  rank: number;
  /** Seq of the reading that started it: only a later reading clears it. */
  startSeq: bigint;
}

export type EpisodeStep<T> =
  | { type: 'raise'; period: string; level: AlertLevel; startSeq: bigint; reading: T }
  | { type: 'clear'; period: string; reading: T };

/**
 * Walks a badge's readings in seq order through its episodes: a level starts an episode when
 * none is open (its period is `since:<measuredAt>`), escalates the open one when higher, and
 * does nothing otherwise; `clear` ends the open episode when the reading is later than the one
 * that started it; `hold` (between the alert and the clear thresholds) changes nothing. So
 * while an episode is open no second one starts, and a new one after a clear is a new alert.
 */
export function episodeSteps<T>(
  open: OpenEpisode | undefined,
  observations: readonly EpisodeObservation<T>[],
): EpisodeStep<T>[] {
  const steps: EpisodeStep<T>[] = [];
  let current = open ? { ...open } : undefined;
  const sorted = sortInOrder([...observations], (a, b) => ascending(a.seq, b.seq));
  for (const { seq, measuredAt, signal, reading } of sorted) {
    if (signal === 'hold') continue;
    if (signal === 'clear') {
      if (current && seq > current.startSeq) {
        steps.push({ type: 'clear', period: current.period, reading });
        current = undefined;
      }
      continue;
    }
    const rank = levelRank(signal);
    if (!current) {
      current = { period: `since:${measuredAt.toISOString()}`, rank, startSeq: seq };
    } else if (rank > current.rank) {
      current.rank = rank;
    } else {
      continue;
    }
    steps.push({
      type: 'raise',
      period: current.period,
      level: signal,
      startSeq: current.startSeq,
      reading,
    });
  }
  return steps;
}
