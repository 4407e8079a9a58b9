import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { transactionClient } from './transaction-client.js';

/** A value of a COPY text-format row: null and undefined are SQL NULL. */
export type CopyValue = string | number | bigint | boolean | null | undefined;

/**
 * Appends rows to a table with COPY FROM STDIN, on the connection of the caller's transaction.
 * A batch's readings as one COPY cost Postgres less CPU than `INSERT ... SELECT FROM
 * unnest(...)` of the same rows, and the service builds one text instead of an array literal
 * per column (bench/README.md, "COPY for readings").
 */
export async function copyRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const client = await transactionClient(manager, `COPY into ${table}`);
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += (i > 0 ? '\t' : '') + copyText(row[i]);
    text += '\n';
  }
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(text);
  });
}

/** COPY's text format: \N is NULL; backslash, tab, newline and carriage return are escaped. */
function copyText(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
