import { monthName } from './dates.js';
import { doseUnit, formatDose, inUnit } from './format.js';
import { useSignal } from './state.js';
import { quantityName } from './words.js';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 56, right: 12, top: 14, bottom: 26 };

export interface MonthDose {
  /** YYYY-MM in the facility time zone. */
  month: string;
  doseMSv: number;
  /** Since the first month shown. */
  cumulativeMSv: number;
}

interface Props {
  quantity: string;
  months: MonthDose[];
  /** The quantity's 5-year limit, drawn on the cumulative chart when it has one. */
  limitMSv?: number;
}

/** Monthly doses as bars, and the cumulative dose as a line, both through the months given. */
export function DoseChart({ quantity, months, limitMSv }: Props) {
  const unit = useSignal(doseUnit);
  const total = months.at(-1)?.cumulativeMSv ?? 0;
  const largest = months.reduce((max, m) => Math.max(max, m.doseMSv), 0);
  const first = months[0]?.month;
  const name = quantityName(quantity);
  const largestMonth = months.find((m) => m.doseMSv === largest)?.month;
  const monthly =
    largest > 0 && largestMonth
      ? `${name}, monthly dose: the largest month ${formatDose(largest, unit)} (${monthName(largestMonth)}).`
      : `${name}, monthly dose: none in these months.`;
  const cumulative =
    `${name}, cumulative dose since ${first ? monthName(first) : 'the first month'}: ${formatDose(total, unit)}` +
    (limitMSv === undefined ? '.' : ` against a 5-year limit of ${formatDose(limitMSv, unit)}.`);
  return (
    <div class="charts">
      <Chart summary={monthly} months={months} top={largest} unit={unit}>
        {(x, y, step) =>
          months.map((m, i) =>
            m.doseMSv > 0 ? (
              <rect
                key={m.month}
                class="dose-bar"
                x={x(i) + 1}
                width={Math.max(step - 2, 1)}
                y={y(m.doseMSv)}
                height={y(0) - y(m.doseMSv)}
              />
            ) : null,
          )
        }
      </Chart>
      <Chart
        summary={cumulative}
        months={months}
        top={Math.max(total, limitMSv ?? 0)}
        unit={unit}
        limitMSv={limitMSv}
      >
        {(x, y, step) => (
          <path
            class="dose"
            d={months
              .map(
                (m, i) =>
                  `${i ? 'L' : 'M'}${(x(i) + step).toFixed(1)},${y(m.cumulativeMSv).toFixed(1)}`,
              )
              .join('')}
          />
        )}
      </Chart>
    </div>
  );
}

type Scale = (value: number) => number;

function Chart({
  summary,
  months,
  top: highest,
  unit,
  limitMSv,
  children,
}: {
  summary: string;
  months: MonthDose[];
  top: number;
  unit: 'mSv' | 'mrem';
  limitMSv?: number;
  children: (x: Scale, y: Scale, step: number) => preact.ComponentChildren;
}) {
  // The scale's top value; with no dose at all, 1 mSv (an empty chart still has an axis).
  const scale = highest || 1;
  const top = scale * 1.1;
  const step = (WIDTH - PAD.left - PAD.right) / Math.max(months.length, 1);
  const x = (i: number) => PAD.left + i * step;
  const y = (mSv: number) => HEIGHT - PAD.bottom - (mSv / top) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = [0, scale / 2, scale];
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        {ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
              {inUnit(t, unit).toLocaleString('en', { maximumSignificantDigits: 3 })}
            </text>
          </g>
        ))}
        {months.map((m, i) =>
          m.month.endsWith('-01') ? (
            <text key={m.month} class="month" x={x(i) + 2} y={HEIGHT - 8}>
              {m.month.slice(0, 4)}
            </text>
          ) : null,
        )}
        {limitMSv !== undefined && (
          <g class="limit">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(limitMSv)} y2={y(limitMSv)} />
            <text x={WIDTH - PAD.right - 4} y={y(limitMSv) - 6} text-anchor="end">
              5-year limit
            </text>
          </g>
        )}
        {children(x, y, step)}
      </svg>
      <figcaption>
        {summary} Axis in {unit}.
      </figcaption>
    </figure>
  );
}
