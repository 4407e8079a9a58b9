import type { InvestigationLevel } from './investigation-levels.js';

/**
 * Every number the alert rules use, with its source. DESIGN.md §5 gives the defaults; where
 * it is silent the number is our choice, and says so. Rule data, like the limits: ingestion
 * and the patients' views read some of them too, so they sit below all three.
 */
import type { Quantity } from '../common/quantities.js';

/** Alert levels of DESIGN.md §5, lowest first. */
export const ALERT_LEVELS = ['notice', 'warning', 'high', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export interface FractionLevel {
  level: AlertLevel;
  /** Percent of the limit at and above which the level applies. */
  percent: bigint;
}

/**
 * `doseLimit`, per person, quantity and limit period (DESIGN.md §5): notice 10 %, warning
 * 30 %, high 80 %, critical 100 % (limit reached). Highest first. (The ALARA investigation
 * levels are apart: absolute doses a quarter, ALARA_ALERT_LEVELS.)
 */
export const DOSE_LIMIT_LEVELS: readonly FractionLevel[] = [
  { level: 'critical', percent: 100n },
  { level: 'high', percent: 80n },
  { level: 'warning', percent: 30n },
  { level: 'notice', percent: 10n },
];

/**
 * `alaraQuarter` (DESIGN.md §5): the dose within one calendar quarter reaching ALARA
 * investigation Level I is a notice, Level II a warning. The levels themselves are data per
 * profile and quantity (table `alara_level`, seeded by migration AlaraLevels1795698200000).
 */
export const ALARA_ALERT_LEVELS: Readonly<Record<InvestigationLevel, AlertLevel>> = {
  I: 'notice',
  II: 'warning',
};

/**
 * `fetalMonthly` is a warning (our choice; DESIGN.md gives no level): the month's fetal dose
 * went above the uniform rate the licensee must aim for (10 CFR 20.1208(b)), not over a limit.
 */
export const FETAL_MONTHLY_LEVEL: AlertLevel = 'warning';

/**
 * `monitoringGap` is a warning (our choice): a part of the body the limits cover has no badge,
 * so its dose is not known, though nothing says it is high.
 */
export const MONITORING_GAP_LEVEL: AlertLevel = 'warning';

/**
 * `classification` (DESIGN.md §5): an `eu` category B worker whose calendar-year dose of a
 * quantity reaches the dose for which Council Directive 2013/59/Euratom Art. 40(1)(a) makes an
 * exposed worker category A: effective 6 mSv, lens of the eye 15 mSv, skin and extremities
 * 150 mSv a year. In nSv. DESIGN.md says "3/10 of an equivalent-dose limit", the wording of the
 * repealed 96/29/Euratom (Art. 21(1)): for skin and extremities that is the same 150 mSv (3/10
 * of 500), but for the lens 2013/59 sets 15 mSv, not 3/10 of its 20 mSv limit. Art. 40 says
 * "greater than"; DESIGN.md raises the alert when the dose reaches the level.
 */
export const CLASSIFICATION_DOSES: ReadonlyMap<Quantity, bigint> = new Map<Quantity, bigint>([
  ['effective', 6_000_000n],
  ['eyeLens', 15_000_000n],
  ['skin', 150_000_000n],
  ['extremity', 150_000_000n],
]);

/**
 * `classification` is a warning (our choice; DESIGN.md gives no level): the dose is within the
 * limits, but the worker's classification, and with it their monitoring and medical
 * surveillance (Art. 41, 45), no longer fits it; the RSO is to act on it.
 */
export const CLASSIFICATION_LEVEL: AlertLevel = 'warning';

/** `projected` is a warning: a trend, not a dose received (our choice; DESIGN.md gives no level). */
export const PROJECTED_LEVEL: AlertLevel = 'warning';

/** `doseRate` (DESIGN.md §5): an instant rate ≥ 500 µSv/h, in nSv/h. */
export const DOSE_RATE_ALERT_NSV_H = 500_000n;

/** Whether a reading's instant rate calls for a doseRate alert: someone is exposed now. */
export function isAlertingRate(rateNsvH: bigint | null): boolean {
  return rateNsvH !== null && rateNsvH >= DOSE_RATE_ALERT_NSV_H;
}
/** `doseRate` clears below 80 % of the alert rate (DESIGN.md §5): hysteresis, so it cannot flap. */
export const DOSE_RATE_CLEAR_PERCENT = 80n;
/** `doseRate` is `high`: an exposure happening now (our choice; DESIGN.md gives no level). */
export const DOSE_RATE_LEVEL: AlertLevel = 'high';

/**
 * `batteryLow` (our choice; DESIGN.md §5 names the kind only): ≤ 20 % notice, ≤ 10 % warning,
 * cleared by a reading above 20 %. Highest first.
 */
export const BATTERY_LEVELS: readonly { level: AlertLevel; atMostPercent: number }[] = [
  { level: 'warning', atMostPercent: 10 },
  { level: 'notice', atMostPercent: 20 },
];
export const BATTERY_CLEAR_ABOVE_PERCENT = 20;

/** `badgeReset` is a notice: the register restarted, no dose is lost (DESIGN.md §3.1; our level). */
export const BADGE_RESET_LEVEL: AlertLevel = 'notice';

/** `badgeSilent` is a warning (our choice); the quiet time is BADGE_SILENT_AFTER (DESIGN.md §8, 24 h). */
export const BADGE_SILENT_LEVEL: AlertLevel = 'warning';

/**
 * `seqGap` (our choice; DESIGN.md §5 names the kind only): a seq still missing
 * SEQ_GAP_ALERT_AFTER (a setting, 10 minutes by default) after a higher seq of the badge
 * arrived is a notice (registers carry the dose, DESIGN.md §3.1, so the gap loses none).
 */
export const SEQ_GAP_LEVEL: AlertLevel = 'notice';

/** `calibrationDue` (our choice): due within 30 days a notice, past due a warning. */
export const CALIBRATION_DUE_SOON_DAYS = 30;

/** How often the time-driven rules run (our choice: a silent badge is hours, not seconds). */
export const SCHEDULE_INTERVAL_MS = 30_000;

/**
 * Advisory lock namespaces (two-int keys: a key space apart from ingestion's one-bigint badge
 * locks, so alerts never wait for ingestion): 'albd' (per badge), 'alsc' (the schedule), ASCII.
 */
export const BADGE_ALERT_LOCK_NAMESPACE = 0x616c6264;
export const SCHEDULE_LOCK_NAMESPACE = 0x616c7363;

/** A level reached at an absolute amount (patients have no limit to take a fraction of). */
export interface AmountLevel {
  level: AlertLevel;
  /** In millionths of the stored unit: nSv for mSv, nGy for mGy, µGy·cm² for Gy·cm², µs for s. */
  atLeast: bigint;
}

/**
 * The patient rules' levels (patientDose, patientSkin) are data: table patient_alert_threshold,
 * seeded with their sources by migration PatientRules1795699200000 (patient-thresholds.ts).
 */

/** The skin window of DESIGN.md §5: 12 weeks, counted as the 84 facility days ending on a day. */
export const PATIENT_SKIN_WINDOW_DAYS = 84;
