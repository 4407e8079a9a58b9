import { formatPercent, levelOf } from './format.js';

/**
 * A fraction of a limit as a bar coloured by alert level, with the level and numbers in text
 * too (colour is never the only signal). Past 100 % the bar is full and says so.
 */
export function FractionBar({
  fraction,
  label,
  detail,
}: {
  fraction: number;
  label: string;
  detail: string;
}) {
  const level = levelOf(fraction);
  return (
    <div class={`bar-row level-${level}`}>
      <div
        class="bar"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(fraction, 1) * 1000) / 10}
        aria-valuetext={`${formatPercent(fraction)}, ${level}`}
        data-fraction={fraction}
      >
        <span class="fill" style={{ width: `${Math.min(fraction, 1) * 100}%` }} />
      </div>
      <span class="bar-text">
        <strong>{formatPercent(fraction)}</strong> <span class="level">{level}</span> · {detail}
      </span>
    </div>
  );
}
