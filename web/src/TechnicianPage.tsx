import { yearOf } from '../../src/calendar/days.js';
import { liveRevision } from './alerts.js';
import { AlertList } from './AlertList.js';
import { get } from './api.js';
import { RecordDownloads } from './Downloads.js';
import { ExposureSummary } from './ExposureSummary.js';
import { doseUnit, facilityToday, formatDateTime, formatPercent, inUnit, label } from './format.js';
import { ReadingsTable } from './ReadingsTable.js';
import { PageTitle } from './routes.js';
import { useLoad, useSignal } from './state.js';
import { Table } from './Table.js';
import type { Badge, Exposure, QuantityExposure } from './types.js';

/**
 * A technician's own page, in plain words: this year's dose against each limit they are
 * monitored for, what each of their alerts means and what to do, their badges, their records.
 */
export function TechnicianPage({ personId }: { personId: string }) {
  const revision = useSignal(liveRevision);
  useSignal(doseUnit);
  const exposure = useLoad(() => get<Exposure>('/me/exposure'), [revision]);
  const badges = useLoad(() => get<Badge[]>('/me/badges'), [revision]);
  return (
    <>
      <PageTitle>My dose</PageTitle>
      <section aria-labelledby="summary-title" class="panel">
        <h2 id="summary-title">Your dose this year</h2>
        {exposure.state === 'loading' && <p>Loading…</p>}
        {exposure.state === 'error' && <p class="error">{exposure.error}</p>}
        {exposure.state === 'ok' && (
          <ul class="plain-summary">
            {Object.entries(exposure.data.quantities)
              // The fetal dose exists only during a declared pregnancy: not a gap to report.
              .filter(([quantity, q]) => quantity !== 'fetal' || q.monitored)
              .map(([quantity, q]) => (
                <li key={quantity} data-quantity={quantity}>
                  <strong>{capitalized(label(quantity))}:</strong> {doseSentence(q)}
                </li>
              ))}
          </ul>
        )}
      </section>
      {exposure.state === 'ok' && (
        <section aria-labelledby="limits-title" class="panel">
          <h2 id="limits-title">This quarter and year against each limit</h2>
          <ExposureSummary
            quantities={Object.entries(exposure.data.quantities).filter(
              ([, q]) => q.limits.length > 0 || (q.lifetime ?? 0) > 0,
            )}
          />
        </section>
      )}
      <section aria-labelledby="my-alerts-title" class="panel">
        <h2 id="my-alerts-title">Your alerts and what to do</h2>
        <AlertList personId={personId} canResolve={false} advice />
      </section>
      <section aria-labelledby="my-badges-title" class="panel">
        <h2 id="my-badges-title">Your badges</h2>
        {badges.state === 'error' && <p class="error">{badges.error}</p>}
        {badges.state === 'ok' && badges.data.length === 0 && <p>You wear no badge now.</p>}
        {badges.state === 'ok' && badges.data.length > 0 && (
          <Table
            caption="Badges you wear"
            hideCaption
            columns={['Badge', 'Worn on', 'Last seen', 'Battery']}
          >
            {badges.data.map((b) => (
              <tr key={b.serial} data-serial={b.serial}>
                <th scope="row">{b.serial}</th>
                <td>{b.side ? `${b.side} ${b.bodyLocation}` : b.bodyLocation}</td>
                <td>{b.lastSeenAt ? formatDateTime(b.lastSeenAt) : 'never'}</td>
                <td>{b.battery === null ? 'not reported' : `${b.battery} %`}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="my-records-title" class="panel">
        <h2 id="my-records-title">Your dose records</h2>
        <RecordDownloads personId={personId} year={yearOf(facilityToday())} />
      </section>
      <section aria-labelledby="readings-title" class="panel">
        <h2 id="readings-title">Latest readings</h2>
        <ReadingsTable personId={personId} revision={revision} />
      </section>
    </>
  );
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A dose in plain words, without trailing zeros: 3.9 mSv, 20 mSv, 390 mrem. */
export function plainDose(mSv: number): string {
  const unit = doseUnit.value;
  const digits = unit === 'mrem' ? 1 : 3;
  return `${inUnit(mSv, unit).toLocaleString('en', { maximumFractionDigits: digits })} ${unit}`;
}

/**
 * "You have received 3.9 mSv this year — 19.5 % of your 20 mSv annual limit"; a quantity no
 * badge measures is said to be not monitored (its dose is unknown, not zero).
 */
export function doseSentence(q: QuantityExposure): string {
  if (!q.monitored) return 'not monitored — no badge you wear measures it, so there is no figure.';
  if (q.pregnancy !== undefined) {
    const limit = q.limits.find((l) => l.period === 'pregnancy');
    const of = limit
      ? ` — ${formatPercent(limit.fraction)} of the ${plainDose(limit.limitMSv)} limit for the pregnancy`
      : '';
    return `${plainDose(q.pregnancy)} since your pregnancy was declared${of}.`;
  }
  const year = q.year ?? 0;
  const annual = q.limits.find((l) => l.period === 'year');
  const of = annual
    ? ` — ${formatPercent(annual.fraction)} of your ${plainDose(annual.limitMSv)} annual limit`
    : ' (no annual limit applies)';
  return `You have received ${plainDose(year)} this year${of}.`;
}
