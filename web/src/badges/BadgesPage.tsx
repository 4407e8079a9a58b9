import { useState } from 'preact/hooks';
import { liveRevision, openAlerts } from '../alerts.js';
import { get } from '../api.js';
import { facilityToday, formatDateTime } from '../format.js';
import { calibrationText } from '../people/PersonBadges.js';
import { Link } from '../router.js';
import { PageTitle } from '../routes.js';
import { useLoad, useSignal } from '../state.js';
import { Table } from '../Table.js';
import type { Alert, Badge, Person } from '../types.js';
import { locationName, yesNo } from '../words.js';
import { AssignForm, RegisterForm, ReturnForm } from './BadgeForms.js';

/**
 * The badge registry, what needs attention first: lost or damaged, calibration overdue, silent,
 * battery low, calibration due. The silent, battery and calibration-due flags are the service's
 * own open alerts (badgeSilent, batteryLow, calibrationDue), so no threshold is repeated here.
 */
export function BadgesPage() {
  const revision = useSignal(liveRevision);
  const alerts = useSignal(openAlerts);
  const [changes, setChanges] = useState(0);
  const badges = useLoad(() => get<Badge[]>('/badges'), [revision, changes]);
  const people = useLoad(() => get<Person[]>('/people'), [changes]);
  const changed = () => setChanges((n) => n + 1);
  const names = new Map(people.state === 'ok' ? people.data.map((p) => [p.id, p.name]) : []);
  const today = facilityToday();
  const rows =
    badges.state === 'ok'
      ? badges.data
          .map((badge) => ({ badge, flags: attention(badge, alerts, today) }))
          .sort((a, b) => rank(a) - rank(b) || a.badge.serial.localeCompare(b.badge.serial))
      : [];
  return (
    <>
      <PageTitle>Badges</PageTitle>
      {badges.state === 'loading' && <p>Loading…</p>}
      {badges.state === 'error' && <p class="error">{badges.error}</p>}
      {badges.state === 'ok' && (
        <section aria-labelledby="registry-title" class="panel">
          <h2 id="registry-title">Registry, what needs attention first</h2>
          {rows.length === 0 ? (
            <p>No badge registered yet.</p>
          ) : (
            <div class="stack">
              <Table
                caption="Registered badges"
                hideCaption
                columns={[
                  'Serial',
                  'Worn at',
                  'Wearer',
                  'Last seen',
                  'Battery',
                  'Calibration',
                  'Needs attention',
                ]}
              >
                {rows.map(({ badge: b, flags }) => (
                  <tr key={b.serial} data-serial={b.serial}>
                    <th scope="row">{b.serial}</th>
                    <td data-label="Worn at">
                      {locationName(b.bodyLocation)}
                      {b.side && `, ${b.side}`}
                    </td>
                    <td data-label="Wearer">
                      {b.currentAssignment ? (
                        <>
                          <Link href={`/people/${b.currentAssignment.personId}`}>
                            {names.get(b.currentAssignment.personId) ?? 'wearer'}
                          </Link>
                          {`, apron: ${yesNo(b.currentAssignment.apron)}`}
                        </>
                      ) : (
                        'nobody'
                      )}
                    </td>
                    <td data-label="Last seen">
                      {b.lastSeenAt ? formatDateTime(b.lastSeenAt) : 'never'}
                    </td>
                    <td data-label="Battery">{b.battery === null ? '—' : `${b.battery} %`}</td>
                    <td data-label="Calibration">{calibrationText(b.calibrationDue)}</td>
                    <td data-label="Needs attention" class={flags.length ? 'attention' : undefined}>
                      {flags.join(', ') ||
                        (b.status === 'retired' ? 'nothing (retired)' : 'nothing')}
                    </td>
                  </tr>
                ))}
              </Table>
            </div>
          )}
        </section>
      )}
      {badges.state === 'ok' && people.state === 'ok' && (
        <div class="columns">
          <RegisterForm onDone={changed} />
          <AssignForm badges={badges.data} people={people.data} onDone={changed} />
          <ReturnForm badges={badges.data} names={names} onDone={changed} />
        </div>
      )}
    </>
  );
}

/** The attention flags, in the order of ATTENTION (most urgent first). */
const ATTENTION = [
  'lost',
  'damaged',
  'calibration overdue',
  'silent',
  'battery low',
  'calibration due',
];

function attention(badge: Badge, alerts: Alert[], today: string): string[] {
  const alerted = (kind: string) =>
    alerts.some((a) => a.kind === kind && a.badgeSerial === badge.serial);
  const overdue = badge.calibrationDue !== null && badge.calibrationDue < today;
  const flags = [
    badge.status === 'lost' && 'lost',
    badge.status === 'damaged' && 'damaged',
    overdue && 'calibration overdue',
    alerted('badgeSilent') && 'silent',
    alerted('batteryLow') && 'battery low',
    !overdue && alerted('calibrationDue') && 'calibration due',
  ];
  return flags.filter((f): f is string => typeof f === 'string');
}

/** The most urgent flag's place; a badge needing nothing after, a retired one last. */
function rank({ badge, flags }: { badge: Badge; flags: string[] }): number {
  if (flags.length) return Math.min(...flags.map((f) => ATTENTION.indexOf(f)));
  return badge.status === 'retired' ? ATTENTION.length + 1 : ATTENTION.length;
}
