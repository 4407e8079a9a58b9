/**
 * Ascending order by `<`: numbers and bigints by value, strings by code units (as
 * `Array.prototype.sort()` without a comparator orders strings).
 */
export const ascending = <T extends string | number | bigint>(a: T, b: T): number =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * Sorts in place, unless the items are in order already. V8's sort allocates its work arrays
 * even for one item, and these sorts run per badge and per person at full ingest rate: `sort`
 * was among the service's largest allocation sites (bench/README.md, "Service hot path").
 * An in-order array is exactly what a stable sort would return.
 */
export function sortInOrder<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++)
    if (compare(items[i - 1], items[i]) > 0) return items.sort(compare);
  return items;
}
