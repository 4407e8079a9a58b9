import { useState } from 'preact/hooks';
import { ApiError, post } from '../api.js';
import { facilityNowLocal, facilityTimeToIso } from '../dates.js';
import { formatDose } from '../format.js';
import { fieldValue } from '../state.js';
import type { Badge, Person } from '../types.js';
import { locationName, quantityName } from '../words.js';

const LOCATIONS = ['trunk', 'collar', 'eye', 'extremity', 'fetal'];

/** A form's submit: runs `send`, shows its error (role=alert) or `done` (role=status). */
function useSubmit(send: (event: SubmitEvent) => Promise<string>) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ error: false, text: await send(event) });
      (event.target as HTMLFormElement).reset();
    } catch (e) {
      setMessage({ error: true, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const shown =
    message &&
    (message.error ? (
      <p class="error" role="alert">
        {message.text}
      </p>
    ) : (
      <p role="status">{message.text}</p>
    ));
  return { onSubmit: (e: SubmitEvent) => void onSubmit(e), busy, shown };
}

export function RegisterForm({ onDone }: { onDone: () => void }) {
  const { onSubmit, busy, shown } = useSubmit(async (event) => {
    const serial = fieldValue(event, 'serial').trim();
    const side = fieldValue(event, 'side');
    const calibrationDue = fieldValue(event, 'calibrationDue');
    await post('/badges', {
      serial,
      bodyLocation: fieldValue(event, 'bodyLocation'),
      ...(side ? { side } : {}),
      ...(calibrationDue ? { calibrationDue } : {}),
    });
    onDone();
    return `Badge ${serial} registered.`;
  });
  return (
    <section aria-labelledby="register-title" class="panel">
      <h2 id="register-title">Register a badge</h2>
      <form class="stacked-form" onSubmit={onSubmit}>
        <label for="register-serial">Serial</label>
        <input id="register-serial" name="serial" required maxLength={64} spellcheck={false} />
        <label for="register-location">Worn at</label>
        <select id="register-location" name="bodyLocation" required>
          {LOCATIONS.map((l) => (
            <option key={l} value={l}>
              {locationName(l)}
            </option>
          ))}
        </select>
        <label for="register-side">Side (extremity badges)</label>
        <select id="register-side" name="side">
          <option value="">not given</option>
          <option value="left">left</option>
          <option value="right">right</option>
        </select>
        <label for="register-calibration">Calibration due</label>
        <input id="register-calibration" name="calibrationDue" type="date" />
        <button type="submit" disabled={busy}>
          Register
        </button>
      </form>
      {shown}
    </section>
  );
}

export function AssignForm({
  badges,
  people,
  onDone,
}: {
  badges: Badge[];
  people: Person[];
  onDone: () => void;
}) {
  const free = badges.filter((b) => b.status === 'active' && !b.currentAssignment);
  const { onSubmit, busy, shown } = useSubmit(async (event) => {
    const serial = fieldValue(event, 'serial');
    const personId = fieldValue(event, 'personId');
    const apron = fieldValue(event, 'apron');
    await post(`/badges/${encodeURIComponent(serial)}/assignments`, {
      personId,
      from: facilityTimeToIso(fieldValue(event, 'from')),
      ...(apron ? { apron: apron === 'yes' } : {}),
    }).catch((error: unknown) => {
      throw apronConflictInWords(error);
    });
    onDone();
    return `Badge ${serial} assigned to ${people.find((p) => p.id === personId)?.name ?? 'the person'}.`;
  });
  return (
    <section aria-labelledby="assign-title" class="panel">
      <h2 id="assign-title">Assign a badge</h2>
      {free.length === 0 && <p>Every active badge is worn; register or return one first.</p>}
      <form class="stacked-form" onSubmit={onSubmit}>
        <label for="assign-serial">Badge (active, not worn)</label>
        <select id="assign-serial" name="serial" required>
          {free.map((b) => (
            <option key={b.serial} value={b.serial}>
              {b.serial}, {locationName(b.bodyLocation)}
            </option>
          ))}
        </select>
        <label for="assign-person">Wearer</label>
        <select id="assign-person" name="personId" required>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.employeeId ? ` (${p.employeeId})` : p.kind === 'patient' ? ' (patient)' : ''}
            </option>
          ))}
        </select>
        <label for="assign-from">Worn from (facility time)</label>
        <input
          id="assign-from"
          name="from"
          type="datetime-local"
          required
          defaultValue={facilityNowLocal()}
        />
        <label for="assign-apron">Works in a protective apron</label>
        <select id="assign-apron" name="apron">
          <option value="">not recorded</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
        <button type="submit" disabled={busy || free.length === 0}>
          Assign
        </button>
      </form>
      {shown}
    </section>
  );
}

/**
 * Ends a badge's open assignment. When readings already counted for the wearer fall after the
 * time given, the service refuses (409) unless the return is sent as a correction with a
 * reason: the readings then move and the dose moved is listed as a `reattribution` adjustment
 * (DESIGN.md §7). The refusal is shown in words with what would move.
 */
export function ReturnForm({
  badges,
  names,
  onDone,
}: {
  badges: Badge[];
  names: Map<string, string>;
  onDone: () => void;
}) {
  const worn = badges.filter((b) => b.currentAssignment);
  const { onSubmit, busy, shown } = useSubmit(async (event) => {
    const serial = fieldValue(event, 'serial');
    const reason = fieldValue(event, 'reason').trim();
    try {
      await post(`/badges/${encodeURIComponent(serial)}/return`, {
        at: facilityTimeToIso(fieldValue(event, 'at')),
        ...(reason ? { correction: { reason } } : {}),
      });
    } catch (error) {
      throw refusalInWords(error, names);
    }
    onDone();
    return reason
      ? `Badge ${serial} returned; the readings after it were re-attributed (${reason}).`
      : `Badge ${serial} returned.`;
  });
  return (
    <section aria-labelledby="return-title" class="panel">
      <h2 id="return-title">Return a badge</h2>
      {worn.length === 0 && <p>No badge is worn now.</p>}
      <form class="stacked-form" onSubmit={onSubmit}>
        <label for="return-serial">Badge</label>
        <select id="return-serial" name="serial" required>
          {worn.map((b) => (
            <option key={b.serial} value={b.serial}>
              {b.serial}, worn by {names.get(b.currentAssignment?.personId ?? '') ?? 'someone'}
            </option>
          ))}
        </select>
        <label for="return-at">Taken off at (facility time)</label>
        <input
          id="return-at"
          name="at"
          type="datetime-local"
          required
          defaultValue={facilityNowLocal()}
        />
        <label for="return-reason">
          Correction reason (only if readings after that time were wrongly counted)
        </label>
        <textarea id="return-reason" name="reason" rows={2} maxLength={2000} />
        <button type="submit" disabled={busy || worn.length === 0}>
          Return
        </button>
      </form>
      {shown}
    </section>
  );
}

interface DoseMoved {
  personId: string;
  quantity: string;
  doseMSv: number;
}

/** A 409 of the correction rule, in words with names; any other error as it is. */
function refusalInWords(error: unknown, names: Map<string, string>): unknown {
  const body =
    error instanceof ApiError
      ? (error.body as { readingsMoved?: number; doseMoved?: DoseMoved[] })
      : undefined;
  if (!(error instanceof ApiError) || error.status !== 409 || body?.readingsMoved === undefined)
    return error;
  const doses = (body.doseMoved ?? [])
    .map(
      (d) =>
        `${formatDose(Math.abs(d.doseMSv))} ${quantityName(d.quantity).toLowerCase()} from ${names.get(d.personId) ?? 'a wearer'}`,
    )
    .join(', ');
  return new Error(
    `Not returned: ${body.readingsMoved} reading(s) after that time are already counted` +
      (doses ? ` (${doses})` : '') +
      '. If they were wrongly counted, give a correction reason: the readings are then re-attributed and the dose moved is listed with the adjustments.',
  );
}

/**
 * The service refuses (409) an assignment whose apron contradicts another badge the person
 * wears in the same period (one person is in an apron or not, DESIGN.md §4): said in words.
 */
function apronConflictInWords(error: unknown): unknown {
  const found =
    error instanceof ApiError && error.status === 409
      ? /^Badge (.+)'s assignment to this person says apron (true|false) in that period$/.exec(
          error.message,
        )
      : null;
  if (!found) return error;
  return new Error(
    `Not assigned: this person wears badge ${found[1]} in that period, recorded ${found[2] === 'true' ? 'in' : 'without'} an apron. ` +
      'A person is in an apron or not at one time: choose the same, or correct the other assignment first.',
  );
}
