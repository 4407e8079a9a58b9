import type { EntityManager } from 'typeorm';
import { dayInZone } from '../common/facility-time.js';
import { groupBy } from '../common/group-by.js';
import { addDays, periodStarts } from '../exposure/periods.js';
import { loadApplicableLimits } from '../limits/applicable-limits.js';
import { BADGE_ALERT_LOCK_NAMESPACE, PROJECTION_WINDOW_DAYS } from './alert-thresholds.js';
import { loadDoseSums, type DoseWindow } from './dose-sums.js';
import { alaraQuarterAlerts } from './rules/alara-quarter.js';
import type { AlertCandidate } from './rules/alert-candidate.js';
import { batteryLowAlerts, batterySignal } from './rules/battery-low.js';
import type { BadgeReading, BadgeRuleOutcome } from './rules/badge-reading.js';
import { doseLimitAlerts } from './rules/dose-limit.js';
import { doseRateAlerts, doseRateSignal } from './rules/dose-rate.js';
import type { OpenEpisode } from './rules/episodes.js';
import type { PersonDose } from './rules/person-dose.js';
import { projectedAlerts } from './rules/projected.js';
import { standingOf, type Standing } from './rules/standing.js';
import { textArray } from '../database/array-literal.js';
import { pipelined } from '../database/pipelined.js';
import { ascending, sortInOrder } from '../common/sort-in-order.js';

/**
 * The dose rules (doseLimit, alaraQuarter, projected) for everyone whose dose went up, in two
 * statements whatever their number: their limits, then their dose sums; and each one's
 * standing (largest fraction of a limit) for the dashboard.
 */
export async function doseAlerts(
  manager: EntityManager,
  people: ReadonlyMap<string, ReadonlySet<string>>,
  now: Date,
  timeZone: string,
): Promise<{ candidates: AlertCandidate[]; standings: Standing[]; evaluated: PersonDose[] }> {
  if (people.size === 0) return { candidates: [], standings: [], evaluated: [] };
  const today = dayInZone(now, timeZone);
  const starts = periodStarts(today);
  const recentFrom = addDays(today, 1 - PROJECTION_WINDOW_DAYS);
  const limits = await loadApplicableLimits(manager, [...people.keys()], now);
  const windows: DoseWindow[] = [];
  for (const [personId, personLimits] of limits) {
    const since = personLimits.find((limit) => limit.since)?.since;
    const pregnancyFrom = since ? dayInZone(since, timeZone) : null;
    // The earliest day whose daily totals the rules need day by day: the years of the touched
    // quarters, this year, the projection window. Five years back (with a 5-year limit) and a
    // pregnancy reach further, but only as sums: loadDoseSums reads closed months and years as
    // totals.
    let fromDay = starts.year < recentFrom ? starts.year : recentFrom;
    for (const quarter of people.get(personId) ?? []) {
      const yearStart = `${quarter.slice(0, 4)}-01-01`;
      if (yearStart < fromDay) fromDay = yearStart;
    }
    const fiveYears = personLimits.some((limit) => limit.period === '5years');
    windows.push({
      personId,
      fromDay,
      rolling5YearsFrom: fiveYears ? starts.rolling5Years : null,
      pregnancyFrom,
    });
  }
  const sums = await loadDoseSums(manager, windows, recentFrom);
  const candidates: AlertCandidate[] = [];
  const standings: Standing[] = [];
  const evaluated: PersonDose[] = [];
  for (const { personId } of windows) {
    const person: PersonDose = {
      personId,
      limits: limits.get(personId) ?? [],
      sums: sums.get(personId) ?? new Map(),
      touchedQuarters: sortInOrder([...(people.get(personId) ?? [])], ascending),
      today,
    };
    candidates.push(
      ...doseLimitAlerts(person),
      ...alaraQuarterAlerts(person),
      ...projectedAlerts(person),
    );
    const standing = standingOf(person);
    if (standing) standings.push(standing);
    evaluated.push(person);
  }
  return { candidates, standings, evaluated };
}

/**
 * The episode rules (doseRate, batteryLow) for the badges of these readings. Each badge's
 * evaluation is serialised across replicas by an advisory lock of its own (never one that
 * ingestion takes), so two replicas cannot both open an episode for the same badge.
 */
export async function episodeAlerts(
  manager: EntityManager,
  readings: readonly BadgeReading[],
): Promise<BadgeRuleOutcome> {
  const outcome: BadgeRuleOutcome = { raises: [], clears: [] };
  const relevant = readings.filter((r) => r.doseRateNsvH !== null || r.battery !== null);
  if (relevant.length === 0) return outcome;
  const bySerial = groupBy(relevant, (reading) => reading.serial);
  const serials = [...bySerial.keys()];
  // Only a reading that can open an episode needs the badge's lock (a clear is idempotent):
  // under load almost every reading is an ordinary one, and locking them all made each
  // evaluation wait on hundreds of locks.
  const raising = serials.filter((serial) => (bySerial.get(serial) ?? []).some(mayOpenEpisode));
  // Locks in hash order, the order two transactions agree on whatever their serials.
  // Sent together (pipelined.ts): the read runs once the locks are held.
  const locks =
    raising.length === 0
      ? []
      : [
          {
            text: `SELECT pg_advisory_xact_lock($1::int, h)
               FROM (SELECT DISTINCT hashtext(serial) AS h FROM unnest($2::text[]) AS serial ORDER BY 1) AS k`,
            values: [BADGE_ALERT_LOCK_NAMESPACE, textArray(raising)],
          },
        ];
  const results = await pipelined(manager, [
    ...locks,
    {
      text: `SELECT kind, badge_serial, period, level_rank, detail->>'startSeq' AS start_seq
               FROM alert
              WHERE state IN ('open', 'acknowledged') AND kind IN ('doseRate', 'batteryLow')
                AND badge_serial = ANY($1::text[])
              ORDER BY raised_at`,
      values: [textArray(serials)],
    },
  ]);
  const open = results[results.length - 1].rows as unknown as {
    kind: string;
    badge_serial: string;
    period: string;
    level_rank: number;
    start_seq: string | null;
  }[];
  const episodes = new Map<string, OpenEpisode>();
  for (const row of open) {
    episodes.set(`${row.kind}|${row.badge_serial}`, {
      period: row.period,
      rank: row.level_rank,
      startSeq: BigInt(row.start_seq ?? '0'),
    });
  }
  for (const [serial, badgeReadings] of bySerial) {
    for (const result of [
      doseRateAlerts(serial, episodes.get(`doseRate|${serial}`), badgeReadings),
      batteryLowAlerts(serial, episodes.get(`batteryLow|${serial}`), badgeReadings),
    ]) {
      outcome.raises.push(...result.raises);
      outcome.clears.push(...result.clears);
    }
  }
  return outcome;
}

function mayOpenEpisode(reading: BadgeReading): boolean {
  const rate = reading.doseRateNsvH === null ? 'clear' : doseRateSignal(reading.doseRateNsvH);
  const battery = reading.battery === null ? 'clear' : batterySignal(reading.battery);
  return (rate !== 'clear' && rate !== 'hold') || (battery !== 'clear' && battery !== 'hold');
}
