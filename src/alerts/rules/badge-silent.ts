import { BADGE_SILENT_LEVEL } from '../../limits/alert-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';

/** An active badge with an open assignment. */
export interface AssignedBadge {
  serial: string;
  personId: string;
  lastSeenAt: Date | null;
  assignedFrom: Date;
}

/**
 * Since when the badge has been quiet: its newest reading, or the assignment's start when that
 * is later (never seen, or seen before it was handed to this wearer).
 */
export function silentSince(badge: AssignedBadge): Date {
  const { lastSeenAt, assignedFrom } = badge;
  return lastSeenAt && lastSeenAt > assignedFrom ? lastSeenAt : assignedFrom;
}

/**
 * `badgeSilent` (DESIGN.md §5): an assigned badge quiet for longer than BADGE_SILENT_AFTER.
 * The episode is the moment it went quiet (`since:<ISO time>`): seen again, the alert is
 * resolved, and a later silence is a new alert.
 */
export function badgeSilentAlerts(
  badges: readonly AssignedBadge[],
  now: Date,
  silentAfterMs: number,
): AlertCandidate[] {
  return badges.flatMap((badge) => {
    const since = silentSince(badge);
    if (now.getTime() - since.getTime() <= silentAfterMs) return [];
    return [
      {
        kind: 'badgeSilent',
        level: BADGE_SILENT_LEVEL,
        personId: badge.personId,
        badgeSerial: badge.serial,
        quantity: null,
        period: `since:${since.toISOString()}`,
        valueNsv: null,
        limitNsv: null,
        detail: {
          silentSince: since.toISOString(),
          lastSeenAt: badge.lastSeenAt?.toISOString() ?? null,
          silentForHours: Math.floor((now.getTime() - since.getTime()) / 3_600_000),
        },
      },
    ];
  });
}
