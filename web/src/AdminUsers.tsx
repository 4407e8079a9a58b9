import { useState } from 'preact/hooks';
import { ROLES } from '../../src/audit/caller.js';
import type { UserDto } from '../../src/auth/dto/create-user.dto.js';
import { api, get, post } from './api.js';
import { formatDateTime } from './format.js';
import { Outcome } from './Outcome.js';
import { PageTitle } from './routes.js';
import { fieldValue, useLoad } from './state.js';
import { Table } from './Table.js';

/** The admin's page: logins listed, created, disabled or enabled, passwords reset. */
export function AdminUsers() {
  const [revision, setRevision] = useState(0);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const users = useLoad(() => get<UserDto[]>('/users'), [revision]);
  const run = async (work: () => Promise<string>) => {
    setError('');
    try {
      setStatus(await work());
      setRevision((n) => n + 1);
    } catch (e) {
      setStatus('');
      setError((e as Error).message);
    }
  };
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const username = fieldValue(event, 'username');
    const personId = fieldValue(event, 'personId').trim();
    void run(async () => {
      await post('/users', {
        username,
        password: fieldValue(event, 'password'),
        role: fieldValue(event, 'role'),
        ...(personId ? { personId } : {}),
      });
      form.reset();
      return `Login ${username} created.`;
    });
  };
  return (
    <>
      <PageTitle>Logins</PageTitle>
      <Outcome status={status} error={error} />
      <section aria-labelledby="users-title" class="panel">
        <h2 id="users-title">Logins</h2>
        {users.state === 'loading' && <p>Loading…</p>}
        {users.state === 'error' && <p class="error">{users.error}</p>}
        {users.state === 'ok' && (
          <Table caption="Logins" hideCaption columns={['Username', 'Role', 'State', 'Actions']}>
            {users.data.map((user) => (
              <UserRow key={user.id} user={user} run={(work) => void run(work)} />
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="new-user-title" class="panel">
        <h2 id="new-user-title">New login</h2>
        <form class="stacked" onSubmit={create}>
          <label for="new-username">Username</label>
          <input id="new-username" name="username" required autoComplete="off" />
          <label for="new-password">Password</label>
          <input
            id="new-password"
            name="password"
            type="password"
            required
            autoComplete="new-password"
          />
          <label for="new-role">Role</label>
          <select id="new-role" name="role">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <label for="new-person">Person id (a technician's login belongs to one person)</label>
          <input id="new-person" name="personId" autoComplete="off" />
          <button type="submit">Create login</button>
        </form>
      </section>
    </>
  );
}

function UserRow({ user, run }: { user: UserDto; run: (work: () => Promise<string>) => void }) {
  const [resetting, setResetting] = useState(false);
  const disabled = user.disabledAt !== null;
  const toggle = () =>
    run(async () => {
      await api('PATCH', `/users/${user.id}`, { disabled: !disabled });
      return `${user.username} ${disabled ? 'enabled' : 'disabled'}.`;
    });
  const reset = (event: SubmitEvent) => {
    event.preventDefault();
    const password = fieldValue(event, 'password');
    run(async () => {
      await post(`/users/${user.id}/password`, { password });
      setResetting(false);
      return `Password of ${user.username} reset; their sessions have ended.`;
    });
  };
  const fieldId = `password-${user.id}`;
  return (
    <tr data-username={user.username}>
      <th scope="row">{user.username}</th>
      <td>{user.role}</td>
      <td>{disabled ? `disabled ${formatDateTime(user.disabledAt ?? '')}` : 'enabled'}</td>
      <td>
        <button
          type="button"
          onClick={toggle}
          aria-label={`${disabled ? 'Enable' : 'Disable'} ${user.username}`}
        >
          {disabled ? 'Enable' : 'Disable'}
        </button>{' '}
        {resetting ? (
          <form class="inline-form" onSubmit={reset}>
            <label for={fieldId}>New password for {user.username}</label>
            <input
              id={fieldId}
              name="password"
              type="password"
              required
              autoComplete="new-password"
            />
            <button type="submit">Set password</button>
            <button type="button" onClick={() => setResetting(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button
            type="button"
            onClick={() => setResetting(true)}
            aria-label={`Reset password of ${user.username}`}
          >
            Reset password
          </button>
        )}
      </td>
    </tr>
  );
}
