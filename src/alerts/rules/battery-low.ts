import { BATTERY_CLEAR_ABOVE_PERCENT, BATTERY_LEVELS } from '../../limits/alert-thresholds.js';
import { alertKey } from './alert-candidate.js';
import type { BadgeReading, BadgeRuleOutcome } from './badge-reading.js';
import { episodeSteps, observations, type EpisodeSignal, type OpenEpisode } from './episodes.js';

export function batterySignal(percent: number): EpisodeSignal {
  const level = BATTERY_LEVELS.find(({ atMostPercent }) => percent <= atMostPercent)?.level;
  if (level) return level;
  return percent > BATTERY_CLEAR_ABOVE_PERCENT ? 'clear' : 'hold';
}

/**
 * `batteryLow` for one badge: ≤ 20 % starts an episode (notice), ≤ 10 % escalates it
 * (warning), a later reading above 20 % ends it.
 */
export function batteryLowAlerts(
  serial: string,
  open: OpenEpisode | undefined,
  readings: readonly BadgeReading[],
  /** The badge's readings stored after these, evaluated before them (see episodeSteps). */
  later: readonly BadgeReading[] = [],
): BadgeRuleOutcome {
  const observed = observations(readings, later, ({ battery }) =>
    battery === null ? undefined : batterySignal(battery),
  );
  const outcome: BadgeRuleOutcome = { raises: [], clears: [] };
  for (const step of episodeSteps(open, observed)) {
    if (step.type === 'clear') {
      outcome.clears.push({
        key: alertKey({
          kind: 'batteryLow',
          personId: null,
          badgeSerial: serial,
          quantity: null,
          period: step.period,
        }),
        note: `Battery ${step.reading.battery} % at seq ${step.reading.seq}`,
      });
      continue;
    }
    outcome.raises.push({
      kind: 'batteryLow',
      level: step.level,
      personId: step.reading.personId,
      badgeSerial: serial,
      quantity: null,
      period: step.period,
      valueNsv: null,
      limitNsv: null,
      detail: {
        battery: step.reading.battery,
        seq: step.reading.seq.toString(),
        startSeq: step.startSeq.toString(),
        measuredAt: step.reading.measuredAt.toISOString(),
      },
    });
  }
  return outcome;
}
