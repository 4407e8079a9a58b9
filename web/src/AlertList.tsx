import { useState } from 'preact/hooks';
import {
  alertAdvice,
  alertFigures,
  alertTitle,
  bySeverityThenAge,
  workflowWords,
} from './alert-words.js';
import { acknowledge, openAlerts, resolve } from './alerts.js';
import { doseUnit, formatDateTime } from './format.js';
import { Link, personPath } from './router.js';
import { fieldValue, useSignal } from './state.js';
import type { Alert } from './types.js';

interface Props {
  /** Person names by id, where known. */
  names?: Map<string, string>;
  /** Only this person's alerts. */
  personId?: string;
  /** Resolving is the RSO's (DESIGN.md §8); a technician may acknowledge their own. */
  canResolve: boolean;
  /** At most this many (the most severe, then the oldest); all when absent. */
  limit?: number;
  /** Each alert says what it means and what to do (the technician's page). */
  advice?: boolean;
}

/** Unresolved alerts, live, most severe first: new ones arrive over the event stream. */
export function AlertList({ names, personId, canResolve, limit, advice = false }: Props) {
  const alerts = useSignal(openAlerts)
    .filter((a) => !personId || a.personId === personId)
    .sort(bySeverityThenAge)
    .slice(0, limit);
  useSignal(doseUnit);
  if (alerts.length === 0) return <p>No open alerts.</p>;
  return (
    <ul class="alerts" aria-label="Open and acknowledged alerts">
      {alerts.map((alert) => (
        <AlertItem
          key={alert.id}
          alert={alert}
          person={personName(alert, names)}
          canResolve={canResolve}
          showPerson={!personId}
          advice={advice}
        />
      ))}
    </ul>
  );
}

export const personName = (alert: Alert, names?: Map<string, string>): string | null =>
  alert.personId ? (names?.get(alert.personId) ?? 'a person') : null;

interface ItemProps {
  alert: Alert;
  /** The name of the person it is about, when it is about one. */
  person: string | null;
  canResolve: boolean;
  showPerson: boolean;
  advice?: boolean;
  /** A checkbox to pick it for a bulk acknowledgement. */
  selection?: { checked: boolean; toggle: (checked: boolean) => void };
  /** After an acknowledgement or resolution here. */
  onChanged?: () => void;
}

/** One alert in plain words: what, who, the figures with their units, and who answered it. */
export function AlertItem({
  alert,
  person,
  canResolve,
  showPerson,
  advice = false,
  selection,
  onChanged,
}: ItemProps) {
  const [action, setAction] = useState<'acknowledge' | 'resolve' | null>(null);
  const [error, setError] = useState('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const note = fieldValue(event, 'note');
    try {
      await (action === 'resolve' ? resolve : acknowledge)(alert.id, note);
      setAction(null);
      setError('');
      onChanged?.();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const noteId = `note-${alert.id}`;
  const titleId = `alert-title-${alert.id}`;
  const figures = alertFigures(alert);
  return (
    <li class={`alert level-${alert.level}`} data-alert-id={alert.id} data-state={alert.state}>
      <p class="alert-head">
        {selection && (
          <input
            type="checkbox"
            class="pick"
            checked={selection.checked}
            aria-labelledby={titleId}
            onChange={(e) => selection.toggle(e.currentTarget.checked)}
          />
        )}
        <span class="level">{alert.level}</span> <strong id={titleId}>{alertTitle(alert)}</strong>
      </p>
      {figures && <p class="alert-figures">{figures}</p>}
      <p class="alert-detail">
        {showPerson && person && alert.personId && (
          <>
            <Link href={personPath(alert.personId, alert.quantity)}>{person}</Link>
            {' · '}
          </>
        )}
        {alert.badgeSerial && <>badge {alert.badgeSerial} · </>}
        raised <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt)}</time> ·{' '}
        <span class="state">{alert.state}</span>
      </p>
      {workflowWords(alert).map((line) => (
        <p key={line} class="alert-workflow">
          {line}
        </p>
      ))}
      {advice && <p class="alert-advice">{alertAdvice(alert)}</p>}
      {alert.state === 'resolved' ? null : action === null ? (
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
