import { FractionBar } from './FractionBar.js';
import { formatDose, label } from './format.js';
import type { QuantityExposure } from './types.js';

/**
 * Per record quantity: this quarter and year, each limit's fraction used, and this quarter
 * against the annual limit (the ALARA investigation levels, DESIGN.md §5, are data per
 * profile: GET /limit-profiles/:profile/alara-levels; the alaraQuarter alerts apply them).
 */
export function ExposureSummary({ quantities }: { quantities: [string, QuantityExposure][] }) {
  if (quantities.length === 0) return <p>No limits and no dose recorded.</p>;
  return (
    <div class="exposure">
      {quantities.map(([quantity, q]) => {
        const annual = q.limits.find((l) => l.period === 'year');
        if (!q.monitored)
          return (
            <section key={quantity} aria-label={label(quantity)} data-quantity={quantity}>
              <h3>{label(quantity)}</h3>
              <p class="not-monitored">Not monitored: no badge measures it.</p>
            </section>
          );
        if (q.pregnancy !== undefined)
          return (
            <section key={quantity} aria-label={label(quantity)} data-quantity={quantity}>
              <h3>{label(quantity)}</h3>
              <dl class="figures">
                <div>
                  <dt>This pregnancy</dt>
                  <dd>{formatDose(q.pregnancy)}</dd>
                </div>
              </dl>
              <LimitBars quantity={quantity} q={q} />
            </section>
          );
        const quarter = q.quarter ?? 0;
        return (
          <section key={quantity} aria-label={label(quantity)} data-quantity={quantity}>
            <h3>{label(quantity)}</h3>
            <dl class="figures">
              <div>
                <dt>This quarter</dt>
                <dd>{formatDose(quarter)}</dd>
              </div>
              <div>
                <dt>This year</dt>
                <dd>{formatDose(q.year ?? 0)}</dd>
              </div>
              <div>
                <dt>Projected at year end</dt>
                <dd>{formatDose(q.projectedYearEnd ?? 0)}</dd>
              </div>
            </dl>
            {annual && (
              <FractionBar
                fraction={quarter / annual.limitMSv}
                label={`${label(quantity)}: this quarter, of the annual limit`}
                detail={`quarter: ${formatDose(quarter)} of ${formatDose(annual.limitMSv)} a year`}
              />
            )}
            <LimitBars quantity={quantity} q={q} />
          </section>
        );
      })}
    </div>
  );
}

/** Each limit of the quantity with the fraction of it used. */
function LimitBars({ quantity, q }: { quantity: string; q: QuantityExposure }) {
  return (
    <>
      {q.limits.map((limit) => (
        <FractionBar
          key={limit.period}
          fraction={limit.fraction}
          label={`${label(quantity)}: ${label(limit.period)} limit`}
          detail={`${label(limit.period)} limit ${formatDose(limit.limitMSv)}`}
        />
      ))}
    </>
  );
}
