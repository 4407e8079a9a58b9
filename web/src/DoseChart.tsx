import { daysBetween, yearOf } from '../../src/calendar/days.js';
import { yearDays as daysOfYear } from '../../src/calendar/periods.js';
import { doseUnit, facilityToday, formatDose, inUnit, label } from './format.js';
import { useSignal } from './state.js';

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };
const MONTHS = ['J', 'F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D'];

interface Props {
  year: number;
  quantity: string;
  /** Daily totals of the year, in day order (days without dose left out). */
  days: { day: string; doseMSv: number }[];
  /** The annual limit of this quantity, if it has one. */
  limitMSv?: number;
}

/** Cumulative dose through the year as a step line, against the annual limit as a level line. */
export function DoseChart({ year, quantity, days, limitMSv }: Props) {
  const unit = useSignal(doseUnit);
  const { first, last } = daysOfYear(year);
  const yearDays = daysBetween(first, last) + 1;
  const dayIndex = (day: string) => daysBetween(first, day);
  const today = facilityToday();
  const end = yearOf(today) === year ? dayIndex(today) + 1 : yearDays;

  let total = 0;
  const steps: [number, number][] = [[0, 0]];
  for (const { day, doseMSv } of days) {
    steps.push([dayIndex(day), total]);
    total += doseMSv;
    steps.push([dayIndex(day), total]);
  }
  steps.push([end, total]);

  const top = Math.max(limitMSv ?? 0, total) * 1.1 || 1;
  const x = (d: number) => PAD.left + (d / yearDays) * (WIDTH - PAD.left - PAD.right);
  const y = (mSv: number) => HEIGHT - PAD.bottom - (mSv / top) * (HEIGHT - PAD.top - PAD.bottom);
  const line = steps
    .map(([d, v], i) => `${i ? 'L' : 'M'}${x(d).toFixed(1)},${y(v).toFixed(1)}`)
    .join('');
  const ticks = [0, top / 2 / 1.1, top / 1.1];
  const summary =
    `Cumulative ${label(quantity)} in ${year}: ${formatDose(total, unit)}` +
    (limitMSv === undefined
      ? ', no annual limit.'
      : ` against an annual limit of ${formatDose(limitMSv, unit)}.`);

  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
      >
        {ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
              {inUnit(t, unit).toLocaleString('en', { maximumSignificantDigits: 3 })}
            </text>
          </g>
        ))}
        {MONTHS.map((m, i) => (
          <text
            key={i}
            class="month"
            x={x(dayIndex(`${year}-${String(i + 1).padStart(2, '0')}-01`)) + 4}
            y={HEIGHT - 8}
          >
            {m}
          </text>
        ))}
        {limitMSv !== undefined && (
          <g class="limit">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(limitMSv)} y2={y(limitMSv)} />
            <text x={WIDTH - PAD.right - 4} y={y(limitMSv) - 6} text-anchor="end">
              annual limit
            </text>
          </g>
        )}
        <path class="dose" d={line} />
      </svg>
      <figcaption>
        {summary} Axis in {unit}.
      </figcaption>
    </figure>
  );
}
