import { dayInZone } from '../../src/calendar/facility-day.js';
import { DOSE_LIMIT_LEVELS } from '../../src/limits/alert-thresholds.js';
import { signal } from './state.js';

/** Doses are shown in mSv or mrem (1 mSv = 100 mrem, the US unit of 10 CFR 20). */
export type DoseUnit = 'mSv' | 'mrem';

const UNIT_KEY = 'dose.unit';
export const doseUnit = signal<DoseUnit>(
  localStorage.getItem(UNIT_KEY) === 'mrem' ? 'mrem' : 'mSv',
);
doseUnit.subscribe((unit) => localStorage.setItem(UNIT_KEY, unit));

/** The facility time zone (FACILITY_TZ), from GET /auth/session. */
export const facilityTz = signal('UTC');

export function inUnit(mSv: number, unit: DoseUnit): number {
  return unit === 'mrem' ? mSv * 100 : mSv;
}

export function formatDose(mSv: number, unit: DoseUnit = doseUnit.value): string {
  const digits = unit === 'mrem' ? 1 : 3;
  const value = inUnit(mSv, unit).toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${value} ${unit}`;
}

export const formatPercent = (fraction: number): string =>
  `${(fraction * 100).toLocaleString('en', { maximumFractionDigits: 1 })} %`;

/** An instant as date and time in the facility time zone, e.g. `2026-11-26 10:15`. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: facilityTz.value,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A facility day (YYYY-MM-DD) as it is: already the facility's own calendar day. */
export const formatDate = (day: string): string => day.slice(0, 10);

/** A number with at most `digits` decimals (no trailing zeros): 235, 5.25. */
export const formatNumber = (value: number, digits: number): string =>
  value.toLocaleString('en', { maximumFractionDigits: digits });

/** Today in the facility time zone, YYYY-MM-DD. */
export function facilityToday(): string {
  return dayInZone(new Date(), facilityTz.value);
}

/** The alert level a fraction of a limit stands at (the service's own doseLimit levels); `ok` below all. */
export function levelOf(fraction: number): string {
  const percent = fraction * 100;
  return DOSE_LIMIT_LEVELS.find((level) => percent >= Number(level.percent))?.level ?? 'ok';
}

/** Names for the API's identifiers. */
const LABELS: Record<string, string> = {
  effective: 'effective dose',
  eyeLens: 'eye lens',
  skin: 'skin',
  extremity: 'extremity',
  fetal: 'fetal',
  year: 'year',
  '5years': '5 years',
  pregnancy: 'pregnancy',
  doseLimit: 'dose limit',
  alaraQuarter: 'ALARA quarter',
  projected: 'projected',
  doseRate: 'dose rate',
  badgeSilent: 'badge silent',
  seqGap: 'sequence gap',
  badgeReset: 'badge reset',
  batteryLow: 'battery low',
  calibrationDue: 'calibration due',
  patientDose: 'patient dose',
  patientSkin: 'patient skin',
};
/**
 * A name for an identifier; an alert period such as `year:2026` reads `year 2026`, and one that
 * holds an instant (`since:2026-01-01T00:00:00.000Z`) reads it in the facility time zone.
 */
export function label(id: string): string {
  const colon = id.indexOf(':');
  if (colon < 0) return LABELS[id] ?? id;
  const [head, rest] = [id.slice(0, colon), id.slice(colon + 1)];
  const when = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(rest) ? formatDateTime(rest) : rest;
  return `${LABELS[head] ?? head} ${when}`;
}
