import { ALERT_LEVELS, type AlertLevel } from '../../limits/alert-thresholds.js';

export { ALERT_LEVELS, type AlertLevel };

/** Levels compare by rank, lowest first (notice 1 … critical 4). */
export const levelRank = (level: AlertLevel): number => ALERT_LEVELS.indexOf(level) + 1;

/** Alert kinds of DESIGN.md §5. */
export const ALERT_KINDS = [
  'doseLimit',
  'alaraQuarter',
  'projected',
  'fetalMonthly',
  'monitoringGap',
  'classification',
  'doseRate',
  'badgeSilent',
  'seqGap',
  'badgeReset',
  'batteryLow',
  'calibrationDue',
  'patientDose',
  'patientSkin',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Kinds about a badge rather than a person's dose: keyed by the badge, whoever wears it. */
const BADGE_KINDS: ReadonlySet<AlertKind> = new Set<AlertKind>([
  'doseRate',
  'badgeSilent',
  'seqGap',
  'badgeReset',
  'batteryLow',
  'calibrationDue',
]);

/** What a rule finds: an alert to raise, or to escalate if it exists at a lower level. */
export interface AlertCandidate {
  kind: AlertKind;
  level: AlertLevel;
  personId: string | null;
  badgeSerial: string | null;
  quantity: string | null;
  /** The period or, for episode kinds, the episode: `year:2026`, `since:<ISO time>`, `seq:42`. */
  period: string | null;
  valueNsv: bigint | null;
  limitNsv: bigint | null;
  detail: Record<string, unknown> | null;
}

/**
 * The alert's identity, `kind|personId|badgeSerial|quantity|period|episode` (DESIGN.md §6:
 * unique per subject, kind, quantity and period). Badge kinds leave the person out, so an
 * episode stays one alert if the badge changes hands during it. Every rule here carries its
 * episode in `period` (so the API shows it); the last component stays empty.
 */
export function alertKey(
  candidate: Pick<AlertCandidate, 'kind' | 'personId' | 'badgeSerial' | 'quantity' | 'period'>,
): string {
  const person = BADGE_KINDS.has(candidate.kind) ? '' : (candidate.personId ?? '');
  return [
    candidate.kind,
    person,
    candidate.badgeSerial ?? '',
    candidate.quantity ?? '',
    candidate.period ?? '',
    '',
  ].join('|');
}

/** The level of the highest fraction reached: value / limit ≥ percent / 100, exact in bigint. */
export function levelAtFraction(
  valueNsv: bigint,
  limitNsv: bigint,
  levels: readonly { level: AlertLevel; percent: bigint }[],
): AlertLevel | undefined {
  if (limitNsv <= 0n) return undefined;
  return levels.find(({ percent }) => valueNsv * 100n >= limitNsv * percent)?.level;
}
