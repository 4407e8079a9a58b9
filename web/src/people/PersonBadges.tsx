import { get } from '../api.js';
import { facilityToday, formatDateTime } from '../format.js';
import { useLoad } from '../state.js';
import { Table } from '../Table.js';
import type { Badge } from '../types.js';
import { locationName, yesNo } from '../words.js';

/** The badges the person wears now: where, in an apron or not, and their calibration. */
export function PersonBadges({ personId, revision }: { personId: string; revision: number }) {
  const badges = useLoad(() => get<Badge[]>('/badges'), [revision]);
  if (badges.state !== 'ok')
    return (
      <section aria-labelledby="person-badges-title" class="panel">
        <h2 id="person-badges-title">Badges worn</h2>
        {badges.state === 'error' ? <p class="error">{badges.error}</p> : <p>Loading…</p>}
      </section>
    );
  const worn = badges.data.filter((b) => b.currentAssignment?.personId === personId);
  return (
    <section aria-labelledby="person-badges-title" class="panel">
      <h2 id="person-badges-title">Badges worn</h2>
      {worn.length === 0 ? (
        <p>No badge assigned now.</p>
      ) : (
        <div class="stack">
          <Table
            caption="Badges worn"
            hideCaption
            columns={['Serial', 'Worn at', 'Apron', 'Since', 'Calibration', 'Last seen']}
          >
            {worn.map((b) => (
              <tr key={b.serial}>
                <th scope="row">
                  {b.serial}
                  {b.status !== 'active' && <span class="attention"> ({b.status})</span>}
                </th>
                <td data-label="Worn at">{locationName(b.bodyLocation)}</td>
                <td data-label="Apron">{yesNo(b.currentAssignment?.apron ?? null)}</td>
                <td data-label="Since">
                  {b.currentAssignment && formatDateTime(b.currentAssignment.from)}
                </td>
                <td data-label="Calibration">{calibrationText(b.calibrationDue)}</td>
                <td data-label="Last seen">
                  {b.lastSeenAt ? formatDateTime(b.lastSeenAt) : 'never'}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}

/** "due 2027-03-01", "overdue since 2026-10-01", or "not recorded". */
export function calibrationText(due: string | null): string {
  if (due === null) return 'not recorded';
  return due < facilityToday() ? `overdue since ${due}` : `due ${due}`;
}
