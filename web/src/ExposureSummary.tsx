import { FractionBar } from './FractionBar.js';
import { formatDose } from './format.js';
import type { QuantityExposure } from './types.js';
import { periodName, quantityName } from './words.js';

/** The dose each limit period counts, from the exposure answer (DESIGN.md §8). */
const DOSE_OF_PERIOD: Record<string, (q: QuantityExposure) => number | null | undefined> = {
  year: (q) => q.year,
  '5years': (q) => q.rolling5Years,
  pregnancy: (q) => q.pregnancy,
};

/**
 * Every record quantity with its doses and each of its limits. A quantity no badge measures is
 * written "not monitored" with its limits, never as a zero dose (DESIGN.md §4).
 */
export function ExposureSummary({
  quantities,
}: {
  quantities: readonly (readonly [string, QuantityExposure])[];
}) {
  if (quantities.length === 0) return <p>No limits and no dose recorded.</p>;
  return (
    <div class="exposure">
      {quantities.map(([quantity, q]) => (
        <section key={quantity} aria-label={quantityName(quantity)} data-quantity={quantity}>
          <h3>{quantityName(quantity)}</h3>
          {q.monitored ? <Figures q={q} /> : <NotMonitored q={q} />}
          {q.monitored &&
            q.limits.map((limit) => {
              const used = DOSE_OF_PERIOD[limit.period]?.(q) ?? 0;
              return (
                <FractionBar
                  key={limit.period}
                  fraction={limit.fraction}
                  label={`${quantityName(quantity)}: limit for the ${periodName(limit.period)}`}
                  detail={`${formatDose(used)} of ${formatDose(limit.limitMSv)} for the ${periodName(limit.period)}`}
                />
              );
            })}
          {q.monitored && q.limits.length === 0 && <p class="muted">No limit applies.</p>}
        </section>
      ))}
    </div>
  );
}

function NotMonitored({ q }: { q: QuantityExposure }) {
  return (
    <>
      <p class="not-monitored">Not monitored: no badge worn measures it.</p>
      {q.limits.length > 0 && (
        <p class="muted">
          Limit{q.limits.length > 1 && 's'}:{' '}
          {q.limits
            .map((l) => `${formatDose(l.limitMSv)} for the ${periodName(l.period)}`)
            .join('; ')}
        </p>
      )}
    </>
  );
}

function Figures({ q }: { q: QuantityExposure }) {
  const rows: [string, number | null | undefined][] = [
    ['This quarter', q.quarter],
    ['This year', q.year],
    ['Last 12 months', q.rolling12Months],
    ['Last 5 years', q.rolling5Years],
    ['Projected at year end', q.projectedYearEnd],
  ];
  if (q.pregnancy !== undefined) rows.push(['This pregnancy', q.pregnancy]);
  const notMeasured = q.notMeasured?.year;
  return (
    <>
      <dl class="figures">
        {rows.map(([name, value]) =>
          // A period the quantity is not counted over (the fetal dose outside the pregnancy).
          value === null || value === undefined ? null : (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{formatDose(value)}</dd>
            </div>
          ),
        )}
      </dl>
      {notMeasured && (notMeasured.priorMSv > 0 || notMeasured.estimatedMSv > 0) && (
        <p class="flag">
          Of this year: {formatDose(notMeasured.priorMSv)} prior dose from other employers,{' '}
          {formatDose(notMeasured.estimatedMSv)} estimated (not measured by a badge).
        </p>
      )}
    </>
  );
}
