import { useState } from 'preact/hooks';
import { acknowledge, openAlerts, resolve } from './alerts.js';
import { doseUnit, formatDateTime, formatDose, formatPercent, label } from './format.js';
import { Link } from './router.js';
import { fieldValue, useSignal } from './state.js';
import type { Alert } from './types.js';

interface Props {
  /** Person names by id, where known. */
  names?: Map<string, string>;
  /** Only this person's alerts. */
  personId?: string;
  /** Resolving is the RSO's (DESIGN.md §8); a technician may acknowledge their own. */
  canResolve: boolean;
}

/** Unresolved alerts, live: new ones arrive over the event stream without a reload. */
export function AlertList({ names, personId, canResolve }: Props) {
  const alerts = useSignal(openAlerts).filter((a) => !personId || a.personId === personId);
  useSignal(doseUnit);
  if (alerts.length === 0) return <p>No open alerts.</p>;
  return (
    <ul class="alerts" aria-label="Open and acknowledged alerts">
      {alerts.map((alert) => (
        <AlertItem
          key={alert.id}
          alert={alert}
          names={names}
          canResolve={canResolve}
          showPerson={!personId}
        />
      ))}
    </ul>
  );
}

function AlertItem({
  alert,
  names,
  canResolve,
  showPerson,
}: {
  alert: Alert;
  names?: Map<string, string>;
  canResolve: boolean;
  showPerson: boolean;
}) {
  const [action, setAction] = useState<'acknowledge' | 'resolve' | null>(null);
  const [error, setError] = useState('');
  const person = alert.personId ? (names?.get(alert.personId) ?? 'a person') : null;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const note = fieldValue(event, 'note');
    try {
      await (action === 'resolve' ? resolve : acknowledge)(alert.id, note);
      setAction(null);
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const noteId = `note-${alert.id}`;
  return (
    <li class={`alert level-${alert.level}`} data-alert-id={alert.id} data-state={alert.state}>
      <p class="alert-head">
        <span class="level">{alert.level}</span> <strong>{label(alert.kind)}</strong>
        {alert.quantity && <> · {label(alert.quantity)}</>}
        {alert.period && <> · {label(alert.period)}</>}
        {showPerson && person && alert.personId && (
          <>
            {' '}
            · <Link href={`/people/${alert.personId}`}>{person}</Link>
          </>
        )}
        {alert.badgeSerial && <> · badge {alert.badgeSerial}</>}
      </p>
      <p class="alert-detail">
        {alert.valueMSv !== undefined && formatDose(alert.valueMSv)}
        {alert.limitMSv !== undefined && <> of {formatDose(alert.limitMSv)}</>}
        {alert.fraction !== undefined && <> ({formatPercent(alert.fraction)})</>}
        {alert.value !== undefined && `${alert.value} ${alert.unit ?? ''}`} · raised{' '}
        <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt)}</time> ·{' '}
        <span class="state">{alert.state}</span>
        {alert.acknowledgedBy && <> by {alert.acknowledgedBy}</>}
      </p>
      {action === null ? (
        <p class="actions">
          {alert.state === 'open' && (
            <button type="button" onClick={() => setAction('acknowledge')}>
              Acknowledge
            </button>
          )}
          {canResolve && (
            <button type="button" onClick={() => setAction('resolve')}>
              Resolve
            </button>
          )}
        </p>
      ) : (
        <form class="note-form" onSubmit={(e) => void submit(e)}>
          <label for={noteId}>
            {action === 'resolve' ? 'Resolution note' : 'Acknowledgement note'}
          </label>
          <textarea id={noteId} name="note" required maxLength={2000} rows={2} autoFocus />
          <button type="submit">
            {action === 'resolve' ? 'Resolve alert' : 'Acknowledge alert'}
          </button>
          <button type="button" onClick={() => setAction(null)}>
            Cancel
          </button>
          {error && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
        </form>
      )}
    </li>
  );
}
