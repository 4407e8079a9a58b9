import { get } from '../api.js';
import { formatDate } from '../dates.js';
import { formatDose } from '../format.js';
import { useLoad } from '../state.js';
import { Table } from '../Table.js';
import type { Adjustment } from '../types.js';
import { adjustmentName, quantityName } from '../words.js';

/**
 * Dose no badge here measured (prior doses, estimates), corrections and re-attributions, each
 * flagged with its kind and reason (DESIGN.md §4, §7). A re-attribution is listed, not added:
 * its readings carry the dose already.
 */
export function NotMeasuredDoses({ personId, revision }: { personId: string; revision: number }) {
  const adjustments = useLoad(
    () => get<Adjustment[]>(`/people/${personId}/adjustments`),
    [personId, revision],
  );
  return (
    <section aria-labelledby="adjustments-title" class="panel">
      <h2 id="adjustments-title">Prior doses, estimates and corrections</h2>
      {adjustments.state === 'loading' && <p>Loading…</p>}
      {adjustments.state === 'error' && <p class="error">{adjustments.error}</p>}
      {adjustments.state === 'ok' && adjustments.data.length === 0 && (
        <p>None: every dose on record was measured by a badge here.</p>
      )}
      {adjustments.state === 'ok' && adjustments.data.length > 0 && (
        <div class="stack">
          <Table
            caption="Prior doses, estimates and corrections"
            hideCaption
            columns={['Day', 'Kind', 'Quantity', 'Dose', 'Reason', 'Entered']}
          >
            {adjustments.data.map((a) => (
              <tr key={a.id} data-kind={a.kind}>
                <th scope="row">{a.date}</th>
                <td data-label="Kind">
                  <span class="flag">{adjustmentName(a.kind)}</span>
                </td>
                <td data-label="Quantity">{quantityName(a.quantity)}</td>
                <td data-label="Dose">
                  {formatDose(a.doseMSv)}
                  {a.kind === 'reattribution' && ' (listed, not added)'}
                </td>
                <td data-label="Reason">{a.reason}</td>
                <td data-label="Entered">
                  {a.author}, {formatDate(a.createdAt)}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
