import { useState } from 'preact/hooks';
import { ApiError, post, setToken } from './api.js';
import { fieldValue } from './state.js';

export function Login({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const { accessToken } = await post<{ accessToken: string }>('/auth/login', {
        username: fieldValue(event, 'username'),
        password: fieldValue(event, 'password'),
      });
      setToken(accessToken);
      onLoggedIn();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'Wrong username or password.'
          : String((e as Error).message),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="login">
      <h1>Dose tracking</h1>
      <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'login-error' : undefined}>
        <label for="username">Username</label>
        <input id="username" name="username" autocomplete="username" required autoFocus />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        {error && (
          <p id="login-error" role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
