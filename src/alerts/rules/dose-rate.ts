import { nanosievertsToMicrosieverts } from '../../common/dose-units.js';
import {
  DOSE_RATE_ALERT_NSV_H,
  DOSE_RATE_CLEAR_PERCENT,
  DOSE_RATE_LEVEL,
  isAlertingRate,
} from '../../limits/alert-thresholds.js';
import { alertKey } from './alert-candidate.js';
import type { BadgeReading, BadgeRuleOutcome } from './badge-reading.js';
import { episodeSteps, observations, type EpisodeSignal, type OpenEpisode } from './episodes.js';

/** Clears below 80 % of the alert rate (DESIGN.md §5): 400 µSv/h by default. */
export const DOSE_RATE_CLEAR_NSV_H = (DOSE_RATE_ALERT_NSV_H * DOSE_RATE_CLEAR_PERCENT) / 100n;

export function doseRateSignal(rateNsvH: bigint): EpisodeSignal {
  if (isAlertingRate(rateNsvH)) return DOSE_RATE_LEVEL;
  if (rateNsvH < DOSE_RATE_CLEAR_NSV_H) return 'clear';
  return 'hold';
}

/**
 * `doseRate` (DESIGN.md §5) for one badge: a reading at or above the alert rate starts an
 * episode unless one is open; a later reading below the clear rate ends it (hysteresis).
 */
export function doseRateAlerts(
  serial: string,
  open: OpenEpisode | undefined,
  readings: readonly BadgeReading[],
  /** The badge's readings stored after these, evaluated before them (see episodeSteps). */
  later: readonly BadgeReading[] = [],
): BadgeRuleOutcome {
  const observed = observations(readings, later, ({ doseRateNsvH }) =>
    doseRateNsvH === null ? undefined : doseRateSignal(doseRateNsvH),
  );
  const outcome: BadgeRuleOutcome = { raises: [], clears: [] };
  for (const step of episodeSteps(open, observed)) {
    const rate = nanosievertsToMicrosieverts(step.reading.doseRateNsvH ?? 0n);
    if (step.type === 'clear') {
      outcome.clears.push({
        key: alertKey({
          kind: 'doseRate',
          personId: null,
          badgeSerial: serial,
          quantity: null,
          period: step.period,
        }),
        note: `Dose rate ${rate} µSv/h at seq ${step.reading.seq} is below ${nanosievertsToMicrosieverts(DOSE_RATE_CLEAR_NSV_H)} µSv/h`,
      });
      continue;
    }
    outcome.raises.push({
      kind: 'doseRate',
      level: step.level,
      personId: step.reading.personId,
      badgeSerial: serial,
      quantity: null,
      period: step.period,
      // The rate and its alert rate in nSv/h: the alert object carries them in µSv/h
      // (alert.dto.ts), since a dose-rate alert without its rate tells a device nothing (§6).
      valueNsv: step.reading.doseRateNsvH,
      limitNsv: DOSE_RATE_ALERT_NSV_H,
      detail: {
        doseRateMicroSvPerH: rate,
        alertMicroSvPerH: nanosievertsToMicrosieverts(DOSE_RATE_ALERT_NSV_H),
        seq: step.reading.seq.toString(),
        startSeq: step.startSeq.toString(),
        measuredAt: step.reading.measuredAt.toISOString(),
      },
    });
  }
  return outcome;
}
