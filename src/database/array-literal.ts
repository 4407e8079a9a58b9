/**
 * Postgres array literals for `unnest($n::type[])` parameters, built here instead of by
 * node-postgres: it quotes and escapes every element and formats each Date field by field in
 * local time, a visible share of the service's CPU at full ingest rate (bench/README.md,
 * "Service hot path").
 */

/** Values whose text needs no quoting in an array literal: numbers, bigints, booleans, uuids. */
export type PlainValue = number | bigint | boolean | null | undefined;

/**
 * `{1,NULL,3}`: null and undefined are SQL NULL. Strings only when their text needs no quoting
 * (no space, comma, brace, quote or backslash, and never "NULL"): uuids, ISO dates, names.
 */
export function plainArray(values: readonly (PlainValue | string)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    literal += value === null || value === undefined ? 'NULL' : String(value);
  }
  return `${literal}}`;
}

/** Instants as ISO-8601 UTC text, which Postgres reads exactly (to the millisecond). */
export function timestampArray(values: readonly Date[]): string {
  return plainArray(values.map((value) => value.toISOString()));
}

/** Text elements, each quoted, with `"` and `\` escaped (any text, including "NULL"). */
export function textArray(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    literal += value === null ? 'NULL' : `"${value.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${literal}}`;
}
