/**
 * Sums of a patient's amounts over a sliding window of days, shared by the patient rules.
 * A window is named by its last day; `windowStart(last)` gives its first.
 */
export interface Dated {
  day: string;
}

export interface WindowPeak<T> {
  sum: bigint;
  from: string;
  to: string;
  items: T[];
}

/**
 * The items carrying the amount, split into series: a series goes on while each item falls
 * in the window ending on the next one. Every window lies inside one series, so a series is
 * one alert, escalated as it goes on; a new one starts only after a whole window without an
 * item.
 */
export function seriesOf<T extends Dated>(
  items: readonly T[],
  amount: (item: T) => bigint | null,
  windowStart: (last: string) => string,
): T[][] {
  const series: T[][] = [];
  for (const item of items.filter((i) => amount(i) !== null)) {
    const current = series.at(-1);
    const last = current?.at(-1);
    if (current && last && windowStart(item.day) <= last.day) current.push(item);
    else series.push([item]);
  }
  return series;
}

/**
 * The largest sum of any window over the items: sums only grow at an item, so the windows
 * ending on item days (and `extraEnds`) are enough. Ties keep the earliest window.
 */
export function peakWindow<T extends Dated>(
  items: readonly T[],
  amount: (item: T) => bigint | null,
  windowStart: (last: string) => string,
  extraEnds: readonly string[] = [],
): WindowPeak<T> {
  let peak: WindowPeak<T> = { sum: -1n, from: '', to: '', items: [] };
  for (const end of [...items.map((i) => i.day), ...extraEnds]) {
    const from = windowStart(end);
    const inWindow = items.filter((i) => i.day >= from && i.day <= end);
    const sum = inWindow.reduce((total, i) => total + (amount(i) ?? 0n), 0n);
    if (sum > peak.sum) peak = { sum, from, to: end, items: inWindow };
  }
  return peak;
}
