import type { DataSource } from 'typeorm';
import { BATTERY_CLEAR_ABOVE_PERCENT, DOSE_RATE_ALERT_NSV_H } from '../limits/alert-thresholds.js';
import { patientAlerts } from '../alerts/patient-rules.js';
import { doseAlerts } from '../alerts/reading-rules.js';
import { alertKey, levelRank } from '../alerts/rules/alert-candidate.js';
import { quarterOfDay } from '../calendar/periods.js';
import { dayInZone } from '../calendar/facility-day.js';
import { closedPeriodDifferences, sqlOf } from '../ledger/period-closing.js';
import { quartersWithDose } from '../ledger/period-sums.js';
import { recomputeTotals } from '../readings/recompute-totals.js';
import { reconcileRegisterState } from './register-state.js';
import { reconcileNotMeasured } from './not-measured.js';

export interface Discrepancy {
  check: 'seqGap' | 'total' | 'derivation' | 'alert' | 'notMeasured';
  subject: string;
  detail: string;
}

/**
 * The audit an RSO or regulator runs: every badge's sequence for
 * gaps, every daily total against its readings and adjustments (rebuilt from scratch), every
 * prior dose and dose estimate against the adjustments that book it, every
 * closed month's and year's total against its days, every badge's last register values
 * against its readings, every dose alert of the current periods against its rule (missing or
 * raised too high), every reading-driven alert against the reading that raised it, every open
 * badge alert against its cause, and every gap against its seqGap alert.
 * Read-only.
 */
export async function reconcile(
  dataSource: DataSource,
  timeZone: string,
  now = new Date(),
): Promise<Discrepancy[]> {
  const found: Discrepancy[] = [];
  // Watched: the scheduled rule has alerted the gap (any part of it, in any state) or has
  // it still to judge (seq-gap-candidate.entity.ts); an unwatched gap would never be alerted.
  const gaps = await dataSource.query<
    { badge_serial: string; first: string; last: string; watched: boolean }[]
  >(
    `SELECT badge_serial, (prev + 1)::text AS first, (seq - 1)::text AS last,
            EXISTS (SELECT 1 FROM seq_gap_candidate c WHERE c.badge_serial = s.badge_serial AND c.seq = s.seq)
            OR EXISTS (SELECT 1 FROM alert a
                        WHERE a.kind = 'seqGap' AND a.badge_serial = s.badge_serial
                          AND (a.detail->>'firstMissing')::bigint <= s.seq - 1
                          AND (a.detail->>'lastMissing')::bigint >= s.prev + 1) AS watched
       FROM (SELECT badge_serial, seq, lag(seq) OVER (PARTITION BY badge_serial ORDER BY seq) AS prev FROM reading) s
      WHERE seq - prev > 1 ORDER BY badge_serial, seq`,
  );
  for (const gap of gaps) {
    const missing = gap.first === gap.last ? `seq ${gap.first}` : `seq ${gap.first}–${gap.last}`;
    found.push({
      check: 'seqGap',
      subject: `badge ${gap.badge_serial}`,
      detail: `${missing} never arrived`,
    });
    if (!gap.watched)
      found.push({
        check: 'alert',
        subject: `seqGap badge ${gap.badge_serial}`,
        detail: `${missing} missing with no seqGap alert, and none to come`,
      });
  }
  const totals = await recomputeTotals(dataSource, timeZone, false);
  if (totals.readingsChanged > 0) {
    found.push({
      check: 'derivation',
      subject: 'readings',
      detail: `${totals.readingsChanged} readings' stored increment, wearer or doses differ from a derivation from scratch`,
    });
  }
  for (const d of totals.differences) {
    found.push({
      check: 'total',
      subject: `person ${d.personId} ${d.quantity} ${d.day}`,
      detail:
        `kept ${d.storedNsv} nSv (adjustments ${d.storedAdjustmentNsv}), readings and ` +
        `adjustments give ${d.recomputedNsv} nSv (adjustments ${d.recomputedAdjustmentNsv})`,
    });
  }
  for (const d of await closedPeriodDifferences(sqlOf(dataSource.manager))) {
    found.push({
      check: 'total',
      subject: `person ${d.personId} ${d.quantity} ${d.period}`,
      detail: `kept ${d.keptNsv} nSv for the closed ${d.unit}, its daily totals give ${d.daysNsv} nSv`,
    });
  }
  found.push(...(await reconcileNotMeasured(dataSource)));
  found.push(...(await reconcileRegisterState(dataSource)));
  found.push(...(await reconcileAlerts(dataSource, timeZone, now)));
  found.push(...(await reconcileReadingAlerts(dataSource)));
  found.push(...(await reconcileBadgeAlerts(dataSource)));
  return found;
}

/**
 * Open badge alerts of the schedule whose cause is gone (each is resolved by the next
 * scheduled run, 30 s at most, so one seen here just after a change is stale, not wrong): a
 * gap whose seqs all arrived, a calibration alert for a date the badge no longer has, a
 * silent badge seen since.
 */
async function reconcileBadgeAlerts(dataSource: DataSource): Promise<Discrepancy[]> {
  const rows = await dataSource.query<{ key: string; kind: string }[]>(
    `SELECT a.key, a.kind FROM alert a LEFT JOIN badge b ON b.serial = a.badge_serial
      WHERE a.state <> 'resolved' AND (
        (a.kind = 'seqGap' AND NOT EXISTS (
           SELECT 1 FROM generate_series((a.detail->>'firstMissing')::bigint, (a.detail->>'lastMissing')::bigint) s
            WHERE NOT EXISTS (SELECT 1 FROM reading r WHERE r.badge_serial = a.badge_serial AND r.seq = s)))
        OR (a.kind = 'calibrationDue' AND (b.calibration_due IS NULL OR a.period <> 'due:' || b.calibration_due::text))
        OR (a.kind = 'badgeSilent' AND b.last_seen_at > (a.detail->>'silentSince')::timestamptz))
      ORDER BY a.key`,
  );
  return rows.map((row) => ({
    check: 'alert' as const,
    subject: row.key,
    detail: `open ${row.kind} alert whose cause is gone`,
  }));
}

/**
 * Alerts raised by a reading (dose rate, battery, reset) must point at a stored reading of
 * their badge that meets the rule: none may have been raised without cause.
 */
async function reconcileReadingAlerts(dataSource: DataSource): Promise<Discrepancy[]> {
  const rows = await dataSource.query<{ key: string; kind: string }[]>(
    `SELECT a.key, a.kind FROM alert a
       LEFT JOIN reading r ON r.badge_serial = a.badge_serial AND r.seq = (a.detail->>'seq')::bigint
      WHERE (a.kind = 'doseRate' AND (r.seq IS NULL OR r.dose_rate_nsv_h IS NULL OR r.dose_rate_nsv_h < $1))
         OR (a.kind = 'batteryLow' AND (r.seq IS NULL OR r.battery IS NULL OR r.battery > $2))
         OR (a.kind = 'badgeReset' AND r.seq IS NULL)
      ORDER BY a.key`,
    [DOSE_RATE_ALERT_NSV_H.toString(), BATTERY_CLEAR_ABOVE_PERCENT],
  );
  return rows.map((row) => ({
    check: 'alert' as const,
    subject: row.key,
    detail: `no stored reading of the badge meets the ${row.kind} rule at the alert's seq`,
  }));
}

/**
 * Dose-limit and ALARA alerts of every year, the rolling five years and pregnancies, and every
 * patient's alerts, against the rules.
 */
async function reconcileAlerts(
  dataSource: DataSource,
  timeZone: string,
  now: Date,
): Promise<Discrepancy[]> {
  const today = dayInZone(now, timeZone);
  // Every quarter each person has dose in, and today's: the rules then cover every year.
  const quarters = await quartersWithDose(dataSource);
  for (const set of quarters.values()) set.add(quarterOfDay(today));
  const { candidates } = await doseAlerts(dataSource.manager, quarters, now, timeZone);
  const patients = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM person WHERE kind = 'patient'`,
  );
  const patientCandidates = await patientAlerts(
    dataSource.manager,
    patients.map((row) => row.id),
    timeZone,
  );
  // projected depends on the day it was evaluated: it cannot be re-derived later.
  const expected = new Map(
    [...candidates, ...patientCandidates]
      .filter((c) => c.kind !== 'projected')
      .map((c) => [alertKey(c), levelRank(c.level)]),
  );
  const stored = await dataSource.query<
    { key: string; kind: string; level_rank: number; period: string }[]
  >(
    `SELECT key, kind, level_rank, period FROM alert
      WHERE kind IN ('doseLimit', 'alaraQuarter', 'classification', 'patientDose', 'patientSkin')`,
  );
  const found: Discrepancy[] = [];
  const storedRanks = new Map(stored.map((row) => [row.key, row.level_rank]));
  for (const [key, rank] of expected) {
    const have = storedRanks.get(key) ?? 0;
    if (have < rank)
      found.push({
        check: 'alert',
        subject: key,
        detail: `rule gives level rank ${rank}, stored ${have}`,
      });
  }
  // Too high is only meaningful for calendar periods: rolling five years slide and a pregnancy
  // ends, so an alert rightly raised then may exceed what the rule gives today. A
  // classification alert is rightly followed by the worker's reclassification, after which
  // the rule gives none: it is never too high.
  for (const row of stored) {
    if (!/^(year|quarter):/.test(row.period) || row.kind === 'classification') continue;
    const rank = expected.get(row.key) ?? 0;
    if (row.level_rank > rank) {
      found.push({
        check: 'alert',
        subject: row.key,
        detail: `stored level rank ${row.level_rank}, rule gives ${rank} (or the limit changed since)`,
      });
    }
  }
  return found;
}
