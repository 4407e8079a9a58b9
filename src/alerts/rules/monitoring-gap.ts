import { MONITORING_GAP_LEVEL } from '../../limits/alert-thresholds.js';
import type { AlertCandidate } from './alert-candidate.js';

/** What a worker wears now, from their running assignments, and a running pregnancy. */
export interface WornNow {
  personId: string;
  /** Where the badges they wear now are worn. */
  locations: ReadonlySet<string>;
  /** Whether any of those assignments says an apron is worn. */
  apron: boolean;
  /** Since when they wear this set of badges: the latest start among those assignments. */
  since: Date | null;
  /** The running declared pregnancy, if any. */
  pregnancyId: string | null;
}

/**
 * `monitoringGap` (DESIGN.md §4): a part of the body the limits cover has no badge now.
 * - Apron worn, no collar badge over it: the trunk (or fetal) badge under the apron says
 *   nothing of the head, neck and eye lens (quantity `eyeLens`, episode `since:<time>` the
 *   badges were put on). Its effective dose is H(under the apron) meanwhile.
 * - Declared pregnancy with neither a fetal nor a trunk badge: no fetal record can be made
 *   (quantity `fetal`, episode `pregnancy:<declaration id>`).
 * Resolved by the schedule once the gap is closed (monitoringGapClearings).
 */
export function monitoringGapAlerts(people: readonly WornNow[]): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  for (const person of people) {
    const under = person.locations.has('trunk') || person.locations.has('fetal');
    if (person.apron && under && !person.locations.has('collar') && person.since)
      candidates.push(
        gap(person.personId, 'eyeLens', `since:${person.since.toISOString()}`, {
          reason: 'Badge under the apron only: head, neck and eye lens are not monitored',
        }),
      );
    if (person.pregnancyId && !under)
      candidates.push(
        gap(person.personId, 'fetal', `pregnancy:${person.pregnancyId}`, {
          reason: 'Declared pregnancy without a fetal or trunk badge: no fetal dose is recorded',
        }),
      );
  }
  return candidates;
}

function gap(
  personId: string,
  quantity: string,
  period: string,
  detail: Record<string, unknown>,
): AlertCandidate {
  return {
    kind: 'monitoringGap',
    level: MONITORING_GAP_LEVEL,
    personId,
    badgeSerial: null,
    quantity,
    period,
    valueNsv: null,
    limitNsv: null,
    detail,
  };
}
