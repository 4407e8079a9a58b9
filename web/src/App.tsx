import { useEffect, useState } from 'preact/hooks';
import { arrived, watchAlerts } from './alerts.js';
import { get, hasToken, logOut, onSignOut, signOut } from './api.js';
import { doseUnit, facilityTz, formatDose, label, type DoseUnit } from './format.js';
import { Login } from './Login.js';
import { NotFound, RsoRoutes, TechnicianRoutes } from './routes.js';
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
                <Link href="/people">People</Link>
              </li>
              <li>
                <Link href="/badges">Badges</Link>
              </li>
              <li>
                <Link href="/patients">Patient lookup</Link>
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
        {session.role === 'admin' && (
          <NotFound message="Admins manage logins through the API (/api/docs); dose data is the RSO's." />
        )}
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
  const text = alert
    ? `New alert: ${alert.level} ${label(alert.kind)}${alert.valueMSv === undefined ? '' : `, ${formatDose(alert.valueMSv)}`}`
    : '';
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
