import type { AlertMessageDto } from '../alerts/dto/alert.dto.js';

/** An alert as a notification tells it: the published alert object and whom it is about. */
export interface NotifiedAlert {
  message: AlertMessageDto;
  /**
   * The person's name; absent for a patient, whose name is made from their pseudonymous key
   * (patients/exposure-writes.ts), which a notification never carries.
   */
  personName?: string;
  personKind?: string;
}

/** What the recipient is told: an escalation says so. */
export interface NotificationContent {
  subject: string;
  text: string;
  link: string;
}

/** The alert kinds of DESIGN.md §5 in words. */
const KIND_WORDS: Readonly<Record<string, string>> = {
  doseLimit: 'dose limit',
  alaraQuarter: 'ALARA investigation level',
  projected: 'projected to exceed the annual limit',
  fetalMonthly: 'fetal dose in a month',
  classification: 'category B worker reaching category A doses',
  monitoringGap: 'monitoring gap',
  doseRate: 'dose rate',
  badgeSilent: 'badge silent',
  seqGap: 'readings missing from a badge',
  badgeReset: 'badge reset',
  batteryLow: 'badge battery low',
  calibrationDue: 'badge calibration due',
  patientDose: 'patient cumulative dose',
  patientSkin: 'patient skin dose',
};

/** The quantities of DESIGN.md §4 and §3.2 in words. */
const QUANTITY_WORDS: Readonly<Record<string, string>> = {
  effective: 'effective dose',
  eyeLens: 'eye lens dose',
  skin: 'skin dose',
  extremity: 'extremity dose',
  fetal: 'fetal dose',
  referenceAirKerma: 'reference air kerma',
  dap: 'dose-area product',
  peakSkinDose: 'peak skin dose',
  fluoroTime: 'fluoroscopy time',
};

const wordsOf = (table: Readonly<Record<string, string>>, key: string): string =>
  Object.hasOwn(table, key) ? table[key] : key;

/** Up to three decimals, as the dashboard shows doses. */
const amount = (value: number): string =>
  value.toLocaleString('en-GB', { maximumFractionDigits: 3 });

/**
 * The page of the UI where the alert is listed: its person's page, or the RSO's overview for
 * a badge's alert. The UI has no page per alert (web/src/routes.tsx).
 */
export function alertLink(publicUrl: string, message: AlertMessageDto): string {
  return message.personId
    ? `${publicUrl}/people/${message.personId}?alert=${message.id}`
    : `${publicUrl}/?alert=${message.id}`;
}

function subjectOf(alert: NotifiedAlert): string {
  const { message } = alert;
  if (alert.personKind === 'patient') return 'a patient';
  if (alert.personName) return alert.personName;
  return message.badgeSerial ? `badge ${message.badgeSerial}` : 'no one named';
}

/** The lines telling value, limit and unit, those the alert has. */
function amountLines(message: AlertMessageDto): string[] {
  const unit = message.unit ?? 'mSv';
  const value = message.value ?? message.valueMSv;
  const limit = message.limit ?? message.limitMSv;
  const lines: string[] = [];
  if (message.quantity) lines.push(`Quantity: ${wordsOf(QUANTITY_WORDS, message.quantity)}`);
  if (value !== undefined) lines.push(`Value: ${amount(value)} ${unit}`);
  if (limit !== undefined) lines.push(`Limit: ${amount(limit)} ${unit}`);
  if (message.fraction !== undefined)
    lines.push(`That is ${Math.round(message.fraction * 100)} % of the limit.`);
  if (message.period) lines.push(`Period: ${message.period}`);
  return lines;
}

/** The message of an alert level for a person to read, e-mail or webhook alike. */
export function notificationContent(
  alert: NotifiedAlert,
  publicUrl: string,
  escalation: boolean,
): NotificationContent {
  const { message } = alert;
  const what = wordsOf(KIND_WORDS, message.kind);
  const who = subjectOf(alert);
  const link = alertLink(publicUrl, message);
  const subject = `${escalation ? 'Not acknowledged: ' : ''}${message.level} alert, ${what}: ${who}`;
  const text = [
    escalation
      ? `A ${message.level} alert has not been acknowledged in time and is passed on to you.`
      : `A ${message.level} alert was raised.`,
    '',
    `Alert: ${what} (${message.level})`,
    `About: ${who}`,
    ...(message.badgeSerial ? [`Badge: ${message.badgeSerial}`] : []),
    ...amountLines(message),
    `Raised: ${message.raisedAt}`,
    '',
    `See it and acknowledge it: ${link}`,
  ].join('\n');
  return { subject, text, link };
}
