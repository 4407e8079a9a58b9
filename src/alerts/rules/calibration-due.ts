import { addDays } from '../../calendar/days.js';
import { CALIBRATION_DUE_SOON_DAYS } from '../../limits/alert-thresholds.js';
import type { AlertCandidate, AlertLevel } from './alert-candidate.js';

export interface BadgeCalibration {
  serial: string;
  /** YYYY-MM-DD: the badge must be recalibrated by this day. */
  calibrationDue: string;
  /** The current wearer, if any. */
  personId: string | null;
}

/** Past the due day a warning, within CALIBRATION_DUE_SOON_DAYS of it a notice. */
export function calibrationLevel(due: string, today: string): AlertLevel | undefined {
  if (today > due) return 'warning';
  if (due <= addDays(today, CALIBRATION_DUE_SOON_DAYS)) return 'notice';
  return undefined;
}

/**
 * `calibrationDue` (DESIGN.md §5): one alert per badge and due day (`due:2026-12-01`), which
 * escalates from notice to warning when the day passes; a new due day is a new alert.
 */
export function calibrationDueAlerts(
  badges: readonly BadgeCalibration[],
  today: string,
): AlertCandidate[] {
  return badges.flatMap(({ serial, calibrationDue, personId }) => {
    const level = calibrationLevel(calibrationDue, today);
    if (!level) return [];
    return [
      {
        kind: 'calibrationDue',
        level,
        personId,
        badgeSerial: serial,
        quantity: null,
        period: `due:${calibrationDue}`,
        valueNsv: null,
        limitNsv: null,
        detail: { calibrationDue },
      },
    ];
  });
}
