import { useEffect, useState } from 'preact/hooks';
import { AlertList } from './AlertList.js';
import { liveRevision, openAlerts } from './alerts.js';
import { get } from './api.js';
import { BadgeStatus } from './BadgeStatus.js';
import { FractionBar } from './FractionBar.js';
import { doseUnit, formatDose, label } from './format.js';
import { PageTitle } from './routes.js';
import { Link, personPath } from './router.js';
import { useLoad, useSignal } from './state.js';
import type { Dashboard } from './types.js';

/** The RSO's overview: everyone ranked by their largest fraction of a limit, alerts, badges. */
export function Overview() {
  const revision = useSignal(liveRevision);
  const tick = useTicks(REFRESH_MS);
  useSignal(doseUnit);
  const dashboard = useLoad(() => get<Dashboard>('/dashboard?limit=500'), [revision, tick]);
  const names = dashboard.state === 'ok' ? nameMap(dashboard.data) : new Map<string, string>();
  return (
    <>
      <PageTitle>Overview</PageTitle>
      <div class="columns">
        <AttentionBox names={names} />
        <section aria-labelledby="ranking-title" class="panel">
          <h2 id="ranking-title">People by largest fraction of a limit</h2>
          {dashboard.state === 'loading' && <p>Loading…</p>}
          {dashboard.state === 'error' && <p class="error">{dashboard.error}</p>}
          {dashboard.state === 'ok' && dashboard.data.people.length === 0 && (
            <p>No doses recorded yet.</p>
          )}
          {dashboard.state === 'ok' && (
            <ol class="ranking">
              {dashboard.data.people.map((p) => (
                <li key={p.personId} data-person-id={p.personId}>
                  <Link href={personPath(p.personId, p.quantity)}>{p.name}</Link>
                  <FractionBar
                    fraction={p.fraction}
                    label={`${p.name}: ${label(p.quantity)}, ${label(p.period)} limit`}
                    detail={`${formatDose(p.valueMSv)} of ${formatDose(p.limitMSv)} · ${label(p.quantity)}, ${label(p.period)}`}
                  />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {dashboard.state === 'ok' && (
        <BadgeStatus
          silent={dashboard.data.silentBadges.map((b) => b.serial)}
          unattributed={dashboard.data.unattributedReadings}
          names={names}
          revision={revision}
        />
      )}
    </>
  );
}

/** Doses also grow without an alert: the ranking reloads this often besides on each live alert. */
const REFRESH_MS = 30_000;

function useTicks(everyMs: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return tick;
}

const nameMap = (dashboard: Dashboard): Map<string, string> =>
  new Map(dashboard.people.map((p) => [p.personId, p.name]));

/** Shown on the overview: the alerts most in need of an answer. */
const ATTENTION_SHOWN = 5;

/**
 * The few most severe unresolved alerts, and a link to the inbox with all of them. First in
 * the page, so on a phone (one column) they come before the ranking, not below it.
 */
function AttentionBox({ names }: { names: Map<string, string> }) {
  const count = useSignal(openAlerts).length;
  return (
    <section aria-labelledby="alerts-title" class="panel attention-box">
      <h2 id="alerts-title">Alerts needing attention</h2>
      <p>
        <Link href="/alerts">
          {count === 1 ? 'The unresolved alert' : `All ${count} unresolved alerts`} in the inbox
        </Link>
      </p>
      <AlertList names={names} canResolve limit={ATTENTION_SHOWN} />
    </section>
  );
}
