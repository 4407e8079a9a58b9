import { get, query } from '../api.js';
import { formatDateTime, formatDose } from '../format.js';
import { useLoad } from '../state.js';
import type { Alert } from '../types.js';
import {
  PATIENT_AIR_KERMA_LEVELS,
  PATIENT_DAP_LEVELS,
  PATIENT_DOSE_LEVELS,
  type AmountLevel,
} from '../../../src/limits/alert-thresholds.js';
import { formatDap, formatGy } from './patient-units.js';

/** How each patient alert quantity is named and written, and its thresholds (DESIGN.md §5). */
const QUANTITIES: Record<
  string,
  {
    name: string;
    format: (value: number) => string;
    levels: readonly AmountLevel[];
    perUnit: number;
  }
> = {
  // The API's value is in the alert's unit (mGy); the thresholds' atLeast in nGy.
  referenceAirKerma: {
    name: 'Reference air kerma',
    format: formatGy,
    levels: PATIENT_AIR_KERMA_LEVELS,
    perUnit: 1e6,
  },
  dap: { name: 'Dose-area product', format: formatDap, levels: PATIENT_DAP_LEVELS, perUnit: 1e6 },
  effective: {
    name: 'Cumulative effective dose',
    format: (v) => formatDose(v),
    levels: PATIENT_DOSE_LEVELS,
    perUnit: 1e6,
  },
};

/** The patient's alerts, each in words: value and the thresholds in the same unit. */
export function PatientAlerts({ personId }: { personId: string }) {
  const alerts = useLoad(() => get<Alert[]>(`/alerts${query({ personId })}`), [personId]);
  if (alerts.state === 'loading') return <p>Loading alerts…</p>;
  if (alerts.state === 'error') return <p class="error">{alerts.error}</p>;
  return (
    <section aria-labelledby="patient-alerts-title">
      <h3 id="patient-alerts-title">Alerts</h3>
      {alerts.data.length === 0 ? (
        <p>No alerts for this patient.</p>
      ) : (
        <ul class="alerts">
          {alerts.data.map((alert) => (
            <li key={alert.id} class={`alert level-${alert.level}`} data-alert-id={alert.id}>
              <p>
                <strong>{alert.level}</strong> · {describe(alert)}
              </p>
              <p class="muted">
                Raised {formatDateTime(alert.raisedAt)} · {alert.state}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** E.g. "Reference air kerma of one procedure: 5.20 Gy (thresholds: 3.00 Gy notice, 5.00 Gy high)". */
function describe(alert: Alert): string {
  const quantity = QUANTITIES[alert.quantity ?? ''];
  if (!quantity || alert.value === undefined) return alert.kind;
  const scope = alert.period?.startsWith('event:')
    ? ' of one procedure'
    : alert.period?.startsWith('12weeks:')
      ? ` over 12 weeks from ${alert.period.slice('12weeks:'.length)}`
      : alert.period
        ? `, ${alert.period.replace(/^rolling5Years$/, 'last 5 years')}`
        : '';
  const thresholds = [...quantity.levels]
    .reverse()
    .map((l) => `${quantity.format(Number(l.atLeast) / quantity.perUnit)} ${l.level}`)
    .join(', ');
  return `${quantity.name}${scope}: ${quantity.format(alert.value)} (thresholds: ${thresholds})`;
}
