import { ALERT_LEVELS } from '../../src/limits/alert-thresholds.js';
import {
  formatDate,
  formatDateTime,
  formatDose,
  formatNumber,
  formatPercent,
  label,
} from './format.js';
import type { Alert } from './types.js';

/** Higher first: critical 4 … notice 1 (the service's own order of levels). */
export const levelRankOf = (level: string): number =>
  ALERT_LEVELS.indexOf(level as (typeof ALERT_LEVELS)[number]) + 1;

/**
 * The inbox order: the most severe first and, within a level, the one waiting longest first
 * (an old unanswered high alert comes before a fresh one).
 */
export const bySeverityThenAge = (a: Alert, b: Alert): number =>
  levelRankOf(b.level) - levelRankOf(a.level) || a.raisedAt.localeCompare(b.raisedAt);

type Detail = Record<string, unknown>;
const detailOf = (alert: Alert): Detail =>
  alert.detail && typeof alert.detail === 'object' ? (alert.detail as Detail) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : String(value));

/** The alert's period or episode in words: `since:<ISO>` → "since 2026-01-01 01:00". */
export function periodWords(period: string | undefined, detail: Detail = {}): string {
  if (!period) return '';
  const [head, ...rest] = period.split(':');
  const tail = rest.join(':');
  switch (head) {
    case 'year':
      return `in ${tail}`;
    case 'quarter':
      return `in quarter ${tail.replace('-Q', ' Q')}`;
    case 'month':
      return `in month ${tail}`;
    case '5years':
      return 'over 5 years';
    case 'pregnancy':
      return 'during the declared pregnancy';
    case 'since':
      return `since ${formatDateTime(tail)}`;
    case 'seq':
      return `from reading no. ${tail}`;
    case 'due':
      return `calibration due ${formatDate(tail)}`;
    case 'event':
      return typeof detail.day === 'string'
        ? `in one procedure on ${detail.day}`
        : 'in one procedure';
    case '12weeks':
      return `over 12 weeks from ${tail}`;
    case 'lifetime':
      return 'over all recorded procedures';
    default:
      return label(period);
  }
}

/** What the alert is about, in words: "Dose limit reached: effective dose in 2026". */
export function alertTitle(alert: Alert): string {
  const quantity = alert.quantity ? ` — ${quantityWords(alert.quantity)}` : '';
  const period = periodWords(alert.period, detailOf(alert));
  const kind =
    alert.kind === 'doseLimit' && alert.level === 'critical'
      ? 'Dose limit reached'
      : (KIND_TITLES[alert.kind] ?? label(alert.kind));
  return `${kind}${quantity}${period ? ` ${period}` : ''}`;
}

const quantityWords = (quantity: string): string =>
  ({ referenceAirKerma: 'reference air kerma', dap: 'dose-area product' })[quantity] ??
  label(quantity);

const KIND_TITLES: Record<string, string> = {
  doseLimit: 'Dose nearing a limit',
  alaraQuarter: 'ALARA investigation level reached',
  projected: 'Projected to pass the annual limit',
  fetalMonthly: 'Fetal dose this month',
  monitoringGap: 'Dose not monitored',
  classification: 'Worker category to review',
  doseRate: 'High dose rate',
  badgeSilent: 'Badge silent',
  seqGap: 'Readings missing',
  badgeReset: 'Badge reset',
  batteryLow: 'Badge battery low',
  calibrationDue: 'Badge calibration due',
  patientDose: 'Patient dose from imaging',
  patientSkin: 'Patient skin dose',
};

/** A value in its unit; a patient's air kerma in Gy, the unit of its thresholds (3 Gy, 5 Gy). */
function amount(value: number, unit: string | undefined): string {
  if (unit === 'mSv') return formatDose(value);
  if (unit === 'mGy') return `${formatNumber(value / 1000, 3)} Gy`;
  if (unit === 'µSv/h') return `${formatNumber(value, 1)} µSv/h`;
  return `${formatNumber(value, 1)} ${unit ?? ''}`.trim();
}

/**
 * The alert's figures in words, each with its unit: "21.000 mSv — 105 % of the 20.000 mSv
 * limit"; a dose rate in µSv/h against the alert rate; a badge's battery or missing readings.
 */
export function alertFigures(alert: Alert): string {
  const detail = detailOf(alert);
  const { value, limit, unit, fraction } = alert;
  const percent = fraction === undefined ? '' : `${formatPercent(fraction)} of `;
  switch (alert.kind) {
    case 'doseRate':
      return value === undefined
        ? 'Dose rate not given'
        : `Dose rate ${amount(value, unit)}${limit === undefined ? '' : `, at or above the alert rate of ${amount(limit, unit)}`}`;
    case 'alaraQuarter': {
      if (value === undefined) return '';
      const level = `investigation level ${text(detail.investigationLevel ?? '')}`.trim();
      const reference = limit === undefined ? level : `${level} (${amount(limit, unit)})`;
      return `${amount(value, unit)} this quarter — ${percent}${reference}`;
    }
    case 'projected':
      return value === undefined || limit === undefined
        ? ''
        : `${amount(value, unit)} expected by the end of the year — ${percent}the ${amount(limit, unit)} annual limit`;
    case 'batteryLow':
      return detail.battery === undefined ? '' : `Battery at ${text(detail.battery)} %`;
    case 'seqGap':
      return `${text(detail.missing ?? '?')} reading(s) missing, no. ${text(detail.firstMissing ?? '?')} to ${text(detail.lastMissing ?? '?')}`;
    case 'badgeSilent':
      return detail.lastSeenAt
        ? `Last heard from ${formatDateTime(text(detail.lastSeenAt))}`
        : 'Never heard from';
    case 'badgeReset':
      return typeof detail.measuredAt === 'string'
        ? `Registers restarted at ${formatDateTime(detail.measuredAt)}`
        : '';
    case 'classification':
      return `Category ${text(detail.euCategory ?? '?')}: the dose suggests category ${text(detail.consider ?? '?')} (${text(detail.basis ?? '')})`;
  }
  if (value === undefined) return '';
  const reference =
    limit === undefined ? '' : ` — ${percent}the ${amount(limit, unit)} ${referenceWord(alert)}`;
  return `${amount(value, unit)}${reference}`;
}

/** A patient has no limit: their alerts carry the reference level the rule compares with. */
const referenceWord = (alert: Alert): string =>
  alert.kind === 'patientDose' || alert.kind === 'patientSkin' ? 'reference level' : 'limit';

/** For the person the alert is about: what it means and what to do, in plain words. */
export function alertAdvice(alert: Alert): string {
  // At the limit, more work with radiation would pass it: limits are not to be exceeded
  // (2013/59/Euratom Art. 9; 10 CFR 20.1201).
  if (alert.kind === 'doseLimit' && alert.level === 'critical')
    return 'Your dose has reached a legal limit. Do not work with radiation until you have spoken with your radiation safety officer.';
  return ADVICE[alert.kind] ?? 'Ask your radiation safety officer what this alert means.';
}

const ADVICE: Record<string, string> = {
  doseLimit:
    'Your dose has reached this share of a legal limit. Your radiation safety officer will review your work with you; keep wearing your badges.',
  alaraQuarter:
    'Your dose this quarter is above the level at which the hospital looks into how it arose. This is a check, not a limit: the radiation safety officer will ask you about your work.',
  projected:
    'At your recent pace you would pass your annual limit by December. Talk with your radiation safety officer about how to lower your dose.',
  fetalMonthly:
    'The dose to the baby this month is above its monthly guide. Talk with your radiation safety officer today.',
  monitoringGap:
    'No badge measures this part of your dose. Ask for the badge you need before your next procedure.',
  classification:
    'Your dose suggests a different worker category. The radiation safety officer will review it.',
  doseRate:
    'Your badge measured a high dose rate. Step back from the source and check your shielding; tell the radiation safety officer.',
  badgeSilent:
    'Your badge has not sent readings. Check that you are wearing it and that it is switched on.',
  seqGap: 'Some readings of your badge did not arrive. Keep wearing it; the officer will check.',
  badgeReset: 'Your badge restarted its counters. Keep wearing it; the officer will check it.',
  batteryLow: 'Your badge battery is low. Charge it or ask for a new one today.',
  calibrationDue: 'Your badge is due for calibration. Hand it in for a replacement.',
};

/** Who acknowledged or resolved it, when, and their note. */
export function workflowWords(alert: Alert): string[] {
  const lines: string[] = [];
  if (alert.acknowledgedBy)
    lines.push(
      `Acknowledged by ${alert.acknowledgedBy}${alert.acknowledgedAt ? ` on ${formatDateTime(alert.acknowledgedAt)}` : ''}${alert.acknowledgeNote ? `: “${alert.acknowledgeNote}”` : ''}`,
    );
  if (alert.resolvedBy)
    lines.push(
      `Resolved by ${alert.resolvedBy}${alert.resolvedAt ? ` on ${formatDateTime(alert.resolvedAt)}` : ''}${alert.resolveNote ? `: “${alert.resolveNote}”` : ''}`,
    );
  return lines;
}
