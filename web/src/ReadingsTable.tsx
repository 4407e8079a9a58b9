import { get } from './api.js';
import { formatDateTime, formatDose } from './format.js';
import { useLoad } from './state.js';
import { Table } from './Table.js';
import type { ReadingPage } from './types.js';

const SHOWN = 50;

export function ReadingsTable({ personId, revision }: { personId: string; revision: number }) {
  const page = useLoad(
    () => get<ReadingPage>(`/people/${personId}/readings?limit=${SHOWN}`),
    [personId, revision],
  );
  if (page.state === 'loading') return <p>Loading…</p>;
  if (page.state === 'error') return <p class="error">{page.error}</p>;
  if (page.data.items.length === 0) return <p>No readings yet.</p>;
  return (
    <Table
      caption={`The ${SHOWN} latest readings, newest first`}
      hideCaption
      columns={[
        'Measured',
        'Badge',
        'Effective',
        'Skin',
        'Eye lens',
        'Extremity',
        'Dose rate',
        'Battery',
      ]}
    >
      {page.data.items.map((r) => (
        <tr key={`${r.badgeSerial}:${r.seq}`}>
          <th scope="row">
            <time dateTime={r.measuredAt}>{formatDateTime(r.measuredAt)}</time>
          </th>
          <td>
            {r.badgeSerial} #{r.seq}
          </td>
          {(['effective', 'skin', 'eyeLens', 'extremity'] as const).map((q) => (
            <td key={q}>{r.doses[q] === null ? '—' : formatDose(r.doses[q])}</td>
          ))}
          <td>{r.doseRate === null ? '—' : `${r.doseRate} µSv/h`}</td>
          <td>{r.battery === null ? '—' : `${r.battery} %`}</td>
        </tr>
      ))}
    </Table>
  );
}
