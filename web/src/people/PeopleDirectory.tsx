import { useState } from 'preact/hooks';
import { liveRevision } from '../alerts.js';
import { get, query } from '../api.js';
import { doseUnit, formatDose, formatPercent } from '../format.js';
import { Link, personPath, queryParam } from '../router.js';
import { PageTitle } from '../routes.js';
import { fieldValue, useLoad, useSignal } from '../state.js';
import { Table } from '../Table.js';
import type { Badge, Dashboard, Person } from '../types.js';
import { periodName, quantityName } from '../words.js';

/**
 * Everyone on record, workers and patients, with or without dose: searched by name, employee
 * id or the serial of a badge they wear or wore (GET /people?q=). Each row says what badges the
 * person wears now (a lost one flagged) and their largest fraction of a limit.
 */
export function PeopleDirectory() {
  const revision = useSignal(liveRevision);
  useSignal(doseUnit);
  const [search, setSearch] = useState(queryParam('q') ?? '');
  const people = useLoad(
    () => get<Person[]>(`/people${query({ q: search || undefined })}`),
    [search],
  );
  const badges = useLoad(() => get<Badge[]>('/badges'), [revision]);
  const ranking = useLoad(() => get<Dashboard>('/dashboard?limit=500'), [revision]);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const text = fieldValue(event, 'q').trim();
    setSearch(text);
    history.replaceState(null, '', `/people${query({ q: text || undefined })}`);
  };
  const worn = new Map<string, Badge[]>();
  if (badges.state === 'ok')
    for (const b of badges.data)
      if (b.currentAssignment)
        worn.set(b.currentAssignment.personId, [
          ...(worn.get(b.currentAssignment.personId) ?? []),
          b,
        ]);
  const ranked = new Map(
    ranking.state === 'ok' ? ranking.data.people.map((p) => [p.personId, p]) : [],
  );
  return (
    <>
      <PageTitle>People</PageTitle>
      <form class="inline-form" role="search" onSubmit={submit}>
        <label for="people-search">Name, employee id or badge serial</label>
        <input id="people-search" name="q" type="search" defaultValue={search} maxLength={100} />
        <button type="submit">Search</button>
      </form>
      {people.state === 'loading' && <p>Loading…</p>}
      {people.state === 'error' && (
        <p class="error" role="alert">
          {people.error}
        </p>
      )}
      {people.state === 'ok' && (
        <p role="status">
          {people.data.length === 1 ? '1 person' : `${people.data.length} people`}
          {search && ` match “${search}”`}
        </p>
      )}
      {people.state === 'ok' && people.data.length > 0 && (
        <div class="stack">
          <Table
            caption="People"
            hideCaption
            columns={['Name', 'Kind', 'Employee id', 'Badges now', 'Largest share of a limit']}
          >
            {people.data.map((p) => {
              const top = ranked.get(p.id);
              return (
                <tr key={p.id} data-person-id={p.id}>
                  <th scope="row">
                    <Link href={personPath(p.id, top?.quantity)}>{p.name}</Link>
                  </th>
                  <td data-label="Kind">{p.kind === 'patient' ? 'patient' : 'worker'}</td>
                  <td data-label="Employee id">{p.employeeId ?? '—'}</td>
                  <td data-label="Badges now">
                    {(worn.get(p.id) ?? [])
                      .map((b) => `${b.serial}${b.status === 'active' ? '' : ` (${b.status})`}`)
                      .join(', ') || 'none'}
                  </td>
                  <td data-label="Largest share of a limit">
                    {top
                      ? `${formatPercent(top.fraction)} of the ${quantityName(top.quantity).toLowerCase()} limit for the ${periodName(top.period)} (${formatDose(top.valueMSv)})`
                      : 'no dose recorded'}
                  </td>
                </tr>
              );
            })}
          </Table>
        </div>
      )}
    </>
  );
}
