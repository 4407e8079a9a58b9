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
  /**
   * A reading evaluated before, stored after the others in seq order (see episodeAlerts): it
   * may end an episode they start, and starts or escalates none itself (it did when it came).
   */
  later?: boolean;
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
  for (const { seq, measuredAt, signal, reading, later } of sorted) {
    if (signal === 'hold' || (later && signal !== 'clear')) continue;
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

/**
 * The observations of a badge's readings, and of its `later` stored ones (marked so), with
 * each reading's signal; a reading without the value (`undefined` signal) says nothing.
 */
export function observations<T extends { seq: bigint; measuredAt: Date }>(
  readings: readonly T[],
  later: readonly T[],
  signalOf: (reading: T) => EpisodeSignal | undefined,
): EpisodeObservation<T>[] {
  const observed: EpisodeObservation<T>[] = [];
  for (const [list, isLater] of [
    [readings, false],
    [later, true],
  ] as const) {
    for (const reading of list) {
      const signal = signalOf(reading);
      if (signal !== undefined)
        observed.push({
          seq: reading.seq,
          measuredAt: reading.measuredAt,
          signal,
          reading,
          later: isLater,
        });
    }
  }
  return observed;
}
