import { openAlerts } from './alerts.js';
import { get } from './api.js';
import { formatDateTime } from './format.js';
import { Table } from './Table.js';
import { useLoad, useSignal } from './state.js';
import type { Badge } from './types.js';

/**
 * Badges needing attention. The flags are the service's own open alerts (badgeSilent,
 * batteryLow, calibrationDue), so the UI repeats none of the rules' thresholds.
 */
export function BadgeStatus({
  silent,
  unattributed,
  names,
  revision,
}: {
  silent: string[];
  unattributed: number;
  names: Map<string, string>;
  revision: number;
}) {
  const alerts = useSignal(openAlerts);
  const badges = useLoad(() => get<Badge[]>('/badges'), [revision]);
  const flagged = (kind: string) =>
    new Set(alerts.filter((a) => a.kind === kind && a.badgeSerial).map((a) => a.badgeSerial));
  const battery = flagged('batteryLow');
  const calibration = flagged('calibrationDue');
  const quiet = new Set([...silent, ...flagged('badgeSilent')]);
  return (
    <section aria-labelledby="badges-title" class="panel">
      <h2 id="badges-title">Badges</h2>
      <p class={unattributed > 0 ? 'attention' : undefined}>
        Unattributed readings waiting: <strong>{unattributed}</strong>
        {unattributed > 0 && ' (from badges not registered or not assigned)'}
      </p>
      {badges.state === 'error' && <p class="error">{badges.error}</p>}
      {badges.state === 'ok' && (
        <Table
          caption="Registered badges and their status"
          hideCaption
          columns={['Serial', 'Worn by', 'Last seen', 'Battery', 'Calibration due', 'Attention']}
        >
          {badges.data.map((b) => {
            const flags = [
              quiet.has(b.serial) && 'silent',
              battery.has(b.serial) && 'low battery',
              calibration.has(b.serial) && 'calibration due',
              b.status !== 'active' && b.status,
            ].filter(Boolean);
            const wearer = b.currentAssignment?.personId;
            return (
              <tr key={b.serial} data-serial={b.serial}>
                <th scope="row">{b.serial}</th>
                <td>{wearer ? (names.get(wearer) ?? 'assigned') : '—'}</td>
                <td>{b.lastSeenAt ? formatDateTime(b.lastSeenAt) : 'never'}</td>
                <td>{b.battery === null ? '—' : `${b.battery} %`}</td>
                <td>{b.calibrationDue ?? '—'}</td>
                <td class={flags.length ? 'attention' : undefined}>{flags.join(', ') || 'ok'}</td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}
