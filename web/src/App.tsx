import { useEffect, useState } from 'preact/hooks';
import { arrived, watchAlerts } from './alerts.js';
import { get, hasToken, logOut, onSignOut, signOut } from './api.js';
import { alertFigures, alertTitle } from './alert-words.js';
import { doseUnit, facilityTz, type DoseUnit } from './format.js';
import { Login } from './Login.js';
import { AdminRoutes, RsoRoutes, TechnicianRoutes } from './routes.js';
import { currentPath, Link } from './router.js';
import { useSignal } from './state.js';
import type { Session } from './types.js';

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(hasToken());
  useSignal(currentPath);

  useEffect(() => onSignOut(() => setSession(null)), []);
  useEffect(() => {
    if (!checking) return;
    get<Session>('/auth/session').then(
      (s) => {
        facilityTz.set(s.facilityTz);
        setSession(s);
        setChecking(false);
      },
      () => {
        signOut();
        setChecking(false);
      },
    );
  }, [checking]);
  useEffect(() => (session && session.role !== 'admin' ? watchAlerts() : undefined), [session]);

  if (checking) return <p class="loading">Loading…</p>;
  if (!session) return <Login onLoggedIn={() => setChecking(true)} />;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <p class="brand">Dose tracking</p>
        {session.role === 'rso' && (
          <nav aria-label="Main">
            <ul>
              <li>
                <Link href="/">Overview</Link>
              </li>
              <li>
                <Link href="/alerts">Alerts</Link>
              </li>
              <li>
                <Link href="/people">People</Link>
              </li>
              <li>
                <Link href="/badges">Badges</Link>
              </li>
              <li>
                <Link href="/reports">Reports</Link>
              </li>
              <li>
                <Link href="/patients">Patient lookup</Link>
              </li>
            </ul>
          </nav>
        )}
        {session.role === 'admin' && (
          <nav aria-label="Main">
            <ul>
              <li>
                <Link href="/admin/users">Logins</Link>
              </li>
            </ul>
          </nav>
        )}
        <div class="session">
          <UnitSwitch />
          <span>
            {session.username} ({session.role}) · times in {session.facilityTz}
          </span>
          <button type="button" onClick={() => void logOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session.role === 'rso' && <RsoRoutes />}
        {session.role === 'technician' && <TechnicianRoutes session={session} />}
        {session.role === 'admin' && <AdminRoutes />}
      </main>
      <LiveAnnouncer />
    </>
  );
}

function UnitSwitch() {
  const unit = useSignal(doseUnit);
  return (
    <fieldset class="units">
      <legend>Dose unit</legend>
      {(['mSv', 'mrem'] as DoseUnit[]).map((u) => (
        <label key={u}>
          <input
            type="radio"
            name="unit"
            value={u}
            checked={unit === u}
            onChange={() => doseUnit.set(u)}
          />
          {u}
        </label>
      ))}
    </fieldset>
  );
}

/** Tells screen readers of each alert that arrives live (polite: it does not cut speech off). */
function LiveAnnouncer() {
  const alert = useSignal(arrived);
  useSignal(doseUnit);
  // The stream's alert has no rule facts (`detail`): its figures only when it carries a value.
  const text = alert
    ? `New alert: ${alert.level}, ${alertTitle(alert)}${alert.value === undefined ? '' : `: ${alertFigures(alert)}`}`
    : '';
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
