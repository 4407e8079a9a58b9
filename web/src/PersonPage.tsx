import { yearOf } from '../../src/calendar/days.js';
import { useState } from 'preact/hooks';
import { liveRevision } from './alerts.js';
import { AlertList } from './AlertList.js';
import { get, query } from './api.js';
import { DoseChart } from './DoseChart.js';
import { facilityToday, label, doseUnit } from './format.js';
import { ExposureSummary } from './ExposureSummary.js';
import { ReadingsTable } from './ReadingsTable.js';
import { PageTitle } from './routes.js';
import { useLoad, useSignal } from './state.js';
import type { DailyDoses, Exposure } from './types.js';

interface Props {
  personId: string;
  /** The heading; without it, the person's name (an RSO's view). */
  title?: string;
  canResolve: boolean;
}

/** One person: dose against limits, the year's cumulative dose chart, alerts, readings. */
export function PersonPage({ personId, title, canResolve }: Props) {
  const revision = useSignal(liveRevision);
  useSignal(doseUnit);
  const year = yearOf(facilityToday());
  const person = useLoad(
    () => (title ? Promise.resolve({ name: title }) : get<{ name: string }>(`/people/${personId}`)),
    [personId, title],
  );
  const exposure = useLoad(
    () => get<Exposure>(`/people/${personId}/exposure`),
    [personId, revision],
  );
  const daily = useLoad(
    () => get<DailyDoses>(`/people/${personId}/daily-doses${query({ year })}`),
    [personId, year, revision],
  );
  const [quantity, setQuantity] = useState('effective');

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

  const quantities = Object.entries(exposure.data.quantities).filter(
    ([, q]) => q.limits.length > 0 || (q.lifetime ?? 0) > 0,
  );
  const yearLimit = exposure.data.quantities[quantity]?.limits.find((l) => l.period === 'year');
  return (
    <>
      <PageTitle>{person.data.name}</PageTitle>
      <p class="subtitle">
        Limits: {exposure.data.profile}, {exposure.data.category}
      </p>
      <div class="columns">
        <section aria-labelledby="exposure-title" class="panel">
          <h2 id="exposure-title">Dose this quarter and year</h2>
          <ExposureSummary quantities={quantities} />
        </section>
        <section aria-labelledby="chart-title" class="panel">
          <h2 id="chart-title">Cumulative dose in {year}</h2>
          <label for="chart-quantity">Quantity</label>{' '}
          <select
            id="chart-quantity"
            value={quantity}
            onChange={(e) => setQuantity(e.currentTarget.value)}
          >
            {quantities.map(([q]) => (
              <option key={q} value={q}>
                {label(q)}
              </option>
            ))}
          </select>
          {daily.state === 'error' && <p class="error">{daily.error}</p>}
          {daily.state === 'ok' && (
            <DoseChart
              year={year}
              days={daily.data.quantities[quantity] ?? []}
              limitMSv={yearLimit?.limitMSv}
              quantity={quantity}
            />
          )}
        </section>
      </div>
      <section aria-labelledby="person-alerts-title" class="panel">
        <h2 id="person-alerts-title">Alerts</h2>
        <AlertList personId={personId} canResolve={canResolve} />
      </section>
      <section aria-labelledby="readings-title" class="panel">
        <h2 id="readings-title">Latest readings</h2>
        <ReadingsTable personId={personId} revision={revision} />
      </section>
    </>
  );
}
