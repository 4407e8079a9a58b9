import { useState } from 'preact/hooks';
import { liveRevision } from './alerts.js';
import { AlertList } from './AlertList.js';
import { get } from './api.js';
import { DoseHistory } from './people/DoseHistory.js';
import { doseUnit } from './format.js';
import { ExposureSummary } from './ExposureSummary.js';
import { LimitsInForce } from './people/LimitsInForce.js';
import { NotMeasuredDoses } from './people/NotMeasuredDoses.js';
import { PersonBadges } from './people/PersonBadges.js';
import { ReadingsTable } from './ReadingsTable.js';
import { queryParam } from './router.js';
import { PageTitle } from './routes.js';
import { useLoad, useSignal } from './state.js';
import type { Exposure, Person } from './types.js';
import { profileName, QUANTITIES } from './words.js';

interface Props {
  personId: string;
  /** The heading; without it, the person's name (an RSO's view). */
  title?: string;
  canResolve: boolean;
}

/**
 * One person: dose against every limit, the limits in force and why, their badges, monthly and
 * cumulative dose over several years, doses no badge here measured, alerts, readings. The
 * RSO's view (no `title`) adds what only an RSO may read: limits, badges, adjustments.
 */
export function PersonPage({ personId, title, canResolve }: Props) {
  const revision = useSignal(liveRevision);
  useSignal(doseUnit);
  const rsoView = title === undefined;
  const person = useLoad(
    () => (rsoView ? get<Person>(`/people/${personId}`) : Promise.resolve(undefined)),
    [personId, rsoView],
  );
  const exposure = useLoad(
    () => get<Exposure>(`/people/${personId}/exposure`),
    [personId, revision],
  );
  const [quantity, setQuantity] = useState(initialQuantity);

  if (person.state === 'error' || exposure.state === 'error')
    return (
      <>
        <PageTitle>Not found</PageTitle>
        <p class="error">
          {person.state === 'error' ? person.error : exposure.state === 'error' && exposure.error}
        </p>
      </>
    );
  if (person.state === 'loading' || exposure.state === 'loading') return <p>Loading…</p>;

  const { profile, category, quantities } = exposure.data;
  const who = person.data;
  const choose = (q: string) => {
    setQuantity(q);
    // The address names the quantity shown, so the page can be sent to a colleague as it is.
    history.replaceState(null, '', `${location.pathname}?quantity=${q}`);
  };
  return (
    <>
      <PageTitle>{who?.name ?? title ?? ''}</PageTitle>
      <p class="subtitle">
        {who && `${who.kind === 'patient' ? 'Patient' : 'Worker'}`}
        {who?.employeeId && ` · employee id ${who.employeeId}`}
        {who && ' · '}
        Limits of {profileName(profile)}, category {category}
      </p>
      <section aria-labelledby="exposure-title" class="panel">
        <h2 id="exposure-title">Dose against each limit</h2>
        <ExposureSummary
          quantities={QUANTITIES.flatMap((q) =>
            quantities[q] ? [[q, quantities[q]] as const] : [],
          )}
        />
      </section>
      <div class="columns">
        {who && <LimitsInForce person={who} exposure={exposure.data} />}
        {rsoView && <PersonBadges personId={personId} revision={revision} />}
      </div>
      <DoseHistory
        personId={personId}
        quantity={quantity}
        onQuantity={choose}
        exposure={exposure.data}
        revision={revision}
      />
      {rsoView && <NotMeasuredDoses personId={personId} revision={revision} />}
      <section aria-labelledby="person-alerts-title" class="panel">
        <h2 id="person-alerts-title">Alerts</h2>
        <AlertList personId={personId} canResolve={canResolve} />
      </section>
      <section aria-labelledby="readings-title" class="panel">
        <h2 id="readings-title">Readings</h2>
        <ReadingsTable personId={personId} revision={revision} />
      </section>
    </>
  );
}

/** The quantity that brought the reader here (`?quantity=eyeLens`), else effective dose. */
function initialQuantity(): string {
  const asked = queryParam('quantity');
  return asked && QUANTITIES.includes(asked) ? asked : 'effective';
}
