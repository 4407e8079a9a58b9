import { BADGE_RESET_LEVEL } from '../../limits/alert-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';
import type { BadgeReading } from './badge-reading.js';

/**
 * `badgeReset` (DESIGN.md §3.1, §5): a committed reading whose register went down, one notice
 * per badge and seq (`seq:42`), so a redelivery of that reading never raises a second one.
 */
export function badgeResetAlerts(readings: readonly BadgeReading[]): AlertCandidate[] {
  return readings
    .filter((reading) => reading.reset)
    .map((reading) => ({
      kind: 'badgeReset',
      level: BADGE_RESET_LEVEL,
      personId: reading.personId,
      badgeSerial: reading.serial,
      quantity: null,
      period: `seq:${reading.seq}`,
      valueNsv: null,
      limitNsv: null,
      detail: { seq: reading.seq.toString(), measuredAt: reading.measuredAt.toISOString() },
    }));
}
