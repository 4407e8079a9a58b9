import { useState } from 'preact/hooks';
import { ALERT_KINDS } from '../../src/alerts/rules/alert-candidate.js';
import { ALERT_LEVELS } from '../../src/limits/alert-thresholds.js';
import { alertTitle, bySeverityThenAge } from './alert-words.js';
import { AlertItem, personName } from './AlertList.js';
import { acknowledgeAll, liveRevision, type BulkResult } from './alerts.js';
import { get, query } from './api.js';
import { doseUnit } from './format.js';
import { Outcome } from './Outcome.js';
import { PageTitle } from './routes.js';
import { fieldValue, useLoad, useSignal } from './state.js';
import type { Alert, Badge } from './types.js';

/** `unresolved`: open and acknowledged, the inbox's default; `resolved`: the history. */
type StateFilter = 'unresolved' | 'open' | 'acknowledged' | 'resolved';

interface Filters {
  state: StateFilter;
  level: string;
  kind: string;
  personId: string;
  badgeSerial: string;
}

const NO_FILTERS: Filters = {
  state: 'unresolved',
  level: '',
  kind: '',
  personId: '',
  badgeSerial: '',
};

/** The RSO's alert inbox: most severe first, filtered, acknowledged one by one or in bulk. */
export function AlertsInbox() {
  const revision = useSignal(liveRevision);
  useSignal(doseUnit);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reloads, setReloads] = useState(0);
  const [bulk, setBulk] = useState({ status: '', error: '' });
  const people = useLoad(() => get<{ id: string; name: string }[]>('/people'), []);
  const badges = useLoad(() => get<Badge[]>('/badges'), []);
  const alerts = useLoad(() => loadAlerts(filters), [filters, revision, reloads]);
  const names = new Map(people.state === 'ok' ? people.data.map((p) => [p.id, p.name]) : []);
  const set = (key: keyof Filters) => (event: Event) => {
    setFilters({ ...filters, [key]: (event.currentTarget as HTMLSelectElement).value });
    setSelected(new Set());
  };
  const shown = alerts.state === 'ok' ? alerts.data : [];
  const open = shown.filter((a) => a.state === 'open');
  const toggle = (id: string) => (checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  return (
    <>
      <PageTitle>Alerts</PageTitle>
      <form class="filters" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <Choice id="f-state" label="State" value={filters.state} onChange={set('state')}>
          <option value="unresolved">open or acknowledged</option>
          <option value="open">open</option>
          <option value="acknowledged">acknowledged</option>
          <option value="resolved">resolved (history)</option>
        </Choice>
        <Choice id="f-level" label="Level" value={filters.level} onChange={set('level')}>
          <option value="">any level</option>
          {[...ALERT_LEVELS].reverse().map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </Choice>
        <Choice id="f-kind" label="Kind" value={filters.kind} onChange={set('kind')}>
          <option value="">any kind</option>
          {ALERT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {alertTitle({ kind } as Alert)}
            </option>
          ))}
        </Choice>
        <Choice id="f-person" label="Person" value={filters.personId} onChange={set('personId')}>
          <option value="">anyone</option>
          {people.state === 'ok' &&
            people.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </Choice>
        <Choice
          id="f-badge"
          label="Badge"
          value={filters.badgeSerial}
          onChange={set('badgeSerial')}
        >
          <option value="">any badge</option>
          {badges.state === 'ok' &&
            badges.data.map((b) => (
              <option key={b.serial} value={b.serial}>
                {b.serial}
              </option>
            ))}
        </Choice>
      </form>
      {alerts.state === 'loading' && <p>Loading…</p>}
      {alerts.state === 'error' && <p class="error">{alerts.error}</p>}
      {alerts.state === 'ok' && (
        <section aria-labelledby="inbox-title" class="panel">
          <h2 id="inbox-title">
            {`${shown.length} ${filters.state === 'resolved' ? 'resolved ' : ''}alert${shown.length === 1 ? '' : 's'}`}
          </h2>
          {open.length > 0 && (
            <BulkAcknowledge
              open={open}
              selected={selected}
              setSelected={setSelected}
              onDone={() => setReloads((n) => n + 1)}
              report={(status, error) => setBulk({ status, error })}
            />
          )}
          <Outcome status={bulk.status} error={bulk.error} />
          {shown.length === 0 ? (
            <p>No alerts match.</p>
          ) : (
            <ul class="alerts" aria-label="Alerts">
              {shown.map((alert) => (
                <AlertItem
                  key={alert.id}
                  alert={alert}
                  person={personName(alert, names)}
                  canResolve
                  showPerson
                  selection={
                    alert.state === 'open'
                      ? { checked: selected.has(alert.id), toggle: toggle(alert.id) }
                      : undefined
                  }
                  onChanged={() => setReloads((n) => n + 1)}
                />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

/** The filters as the API's query; unresolved is two calls (the API filters one state). */
async function loadAlerts(filters: Filters): Promise<Alert[]> {
  const { state, level, kind, personId, badgeSerial } = filters;
  const states = state === 'unresolved' ? ['open', 'acknowledged'] : [state];
  const lists = await Promise.all(
    states.map((s) =>
      get<Alert[]>(
        `/alerts${query({ state: s, level: level || undefined, kind: kind || undefined, personId: personId || undefined, badgeSerial: badgeSerial || undefined })}`,
      ),
    ),
  );
  const all = lists.flat();
  // The history reads newest resolution first; the inbox most severe, then longest waiting.
  return state === 'resolved'
    ? all.sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''))
    : all.sort(bySeverityThenAge);
}

function Choice({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (event: Event) => void;
  children: preact.ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={onChange}>
        {children}
      </select>
    </div>
  );
}

/** Select all open alerts shown, or some, and acknowledge them with one note. */
function BulkAcknowledge({
  open,
  selected,
  setSelected,
  onDone,
  report,
}: {
  open: Alert[];
  selected: Set<string>;
  setSelected: (ids: Set<string>) => void;
  onDone: () => void;
  /** What happened, shown by the page: this form leaves once no selected alert is open. */
  report: (outcome: string, error: string) => void;
}) {
  const picked = open.filter((a) => selected.has(a.id));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const note = fieldValue(event, 'note');
    try {
      const results = await acknowledgeAll(
        picked.map((a) => a.id),
        note,
      );
      report(outcomeWords(results), '');
      setSelected(new Set());
      (event.currentTarget as HTMLFormElement | null)?.reset();
      onDone();
    } catch (e) {
      report('', (e as Error).message);
    }
  };
  return (
    <form class="bulk" aria-label="Acknowledge several alerts" onSubmit={(e) => void submit(e)}>
      <label class="check">
        <input
          type="checkbox"
          checked={picked.length === open.length}
          onChange={(e) =>
            setSelected(e.currentTarget.checked ? new Set(open.map((a) => a.id)) : new Set())
          }
        />
        Select all {open.length} open
      </label>
      <label for="bulk-note">Note for the selected alerts</label>
      <textarea id="bulk-note" name="note" required maxLength={2000} rows={2} />
      <button type="submit" disabled={picked.length === 0}>
        Acknowledge {picked.length} selected
      </button>
    </form>
  );
}

function outcomeWords(results: BulkResult[]): string {
  const count = (outcome: BulkResult['outcome']) =>
    results.filter((r) => r.outcome === outcome).length;
  const parts = [`${count('acknowledged')} acknowledged`];
  if (count('notOpen') > 0) parts.push(`${count('notOpen')} no longer open (left as they were)`);
  if (count('notFound') > 0) parts.push(`${count('notFound')} not found`);
  return `${parts.join('; ')}.`;
}
