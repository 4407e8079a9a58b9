import { get, query } from '../api.js';
import { formatDateTime, formatDose } from '../format.js';
import { useLoad } from '../state.js';
import type { Alert } from '../types.js';
import type { PatientThresholdDto as Threshold } from '../../../src/limits/dto/patient-threshold.dto.js';
import { formatDap, formatFluoroTime, formatGy } from './patient-units.js';

/**
 * How each patient alert quantity is named and written (DESIGN.md §5). The alert's value is in
 * its unit on the wire (mGy, Gy·cm², min, mSv); `fromThreshold` turns a threshold, given in the
 * unit the RSO edits it in (Gy for air kerma and skin dose), into that unit.
 */
const QUANTITIES: Record<
  string,
  { name: string; format: (value: number) => string; fromThreshold: number }
> = {
  referenceAirKerma: { name: 'Reference air kerma', format: formatGy, fromThreshold: 1000 },
  peakSkinDose: { name: 'Peak skin dose', format: formatGy, fromThreshold: 1000 },
  dap: { name: 'Dose-area product', format: formatDap, fromThreshold: 1 },
  fluoroTime: {
    name: 'Fluoroscopy time',
    format: (minutes) => formatFluoroTime(minutes * 60),
    fromThreshold: 1,
  },
  effective: { name: 'Cumulative effective dose', format: (v) => formatDose(v), fromThreshold: 1 },
};

/** The rule's scope from the alert's period (src/alerts/rules/patient-*.ts), and its words. */
function scopeOf(period: string | undefined): [string, string] {
  if (!period) return ['', ''];
  if (period.startsWith('study:') || period.startsWith('event:'))
    return ['procedure', ' of one procedure'];
  const [scope, from] = period.split(':');
  if (scope === '12weeks') return [scope, ` over the 12 weeks to ${from}`];
  if (scope === '12months') return [scope, ` over the 12 months to ${from}`];
  if (scope === 'rolling5Years') return [scope, ', last 5 years'];
  return [scope, `, ${scope}`];
}

/** The patient's alerts, each in words: value and the thresholds in the same unit. */
export function PatientAlerts({ personId }: { personId: string }) {
  const alerts = useLoad(() => get<Alert[]>(`/alerts${query({ personId })}`), [personId]);
  const thresholds = useLoad(() => get<Threshold[]>('/patient-alert-thresholds'), []);
  if (alerts.state === 'loading' || thresholds.state === 'loading') return <p>Loading alerts…</p>;
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
                <strong>{alert.level}</strong> ·{' '}
                {describe(alert, thresholds.state === 'ok' ? thresholds.data : [])}
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
function describe(alert: Alert, thresholds: Threshold[]): string {
  const quantity = QUANTITIES[alert.quantity ?? ''];
  if (!quantity || alert.value === undefined) return alert.kind;
  const [scope, words] = scopeOf(alert.period);
  const levels = thresholds
    .filter((t) => t.quantity === alert.quantity && t.scope === scope)
    .sort((a, b) => a.atLeast - b.atLeast)
    .map((t) => `${quantity.format(t.atLeast * quantity.fromThreshold)} ${t.level}`);
  const against = levels.length ? ` (thresholds: ${levels.join(', ')})` : '';
  return `${quantity.name}${words}: ${quantity.format(alert.value)}${against}`;
}
