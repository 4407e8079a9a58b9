import { useState } from 'preact/hooks';
import { get, query } from './api.js';
import { formatDateTime, formatDose } from './format.js';
import { useLoad } from './state.js';
import { Table } from './Table.js';
import type { ReadingPage } from './types.js';
import { locationName, QUANTITY_NAMES } from './words.js';

const PAGE_SIZE = 20;

/** The person's readings, newest first, a page at a time (the API's cursor paging). */
export function ReadingsTable({ personId, revision }: { personId: string; revision: number }) {
  // The cursors of the pages shown before this one: "Newer" goes back one.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () => get<ReadingPage>(`/people/${personId}/readings${query({ limit: PAGE_SIZE, cursor })}`),
    [personId, cursor, cursor === undefined ? revision : 0],
  );
  if (page.state === 'loading') return <p>Loading…</p>;
  if (page.state === 'error') return <p class="error">{page.error}</p>;
  if (page.data.items.length === 0) return <p>No readings yet.</p>;
  const number = cursors.length;
  const next = page.data.nextCursor;
  return (
    <>
      <div class="stack">
        <Table
          caption={`Readings, page ${number}, newest first`}
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
              <td data-label="Badge">
                {r.badgeSerial} ({locationName(r.bodyLocation)}), reading {r.seq}
              </td>
              {(['effective', 'skin', 'eyeLens', 'extremity'] as const).map((q) => (
                <td key={q} data-label={QUANTITY_NAMES[q]}>
                  {r.doses[q] === null ? '—' : formatDose(r.doses[q])}
                </td>
              ))}
              <td data-label="Dose rate">{r.doseRate === null ? '—' : `${r.doseRate} µSv/h`}</td>
              <td data-label="Battery">{r.battery === null ? '—' : `${r.battery} %`}</td>
            </tr>
          ))}
        </Table>
      </div>
      <nav class="pager" aria-label="Reading pages">
        <button
          type="button"
          disabled={number === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Newer
        </button>
        <span>Page {number}</span>
        <button
          type="button"
          disabled={next === null}
          onClick={() => next && setCursors([...cursors, next])}
        >
          Older
        </button>
      </nav>
    </>
  );
}
