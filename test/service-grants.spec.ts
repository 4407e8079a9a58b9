/**
 * The service's role may delete only from the tables in TABLES_DELETED_FROM (src/migrate.ts),
 * and the rest of the test suite runs the service as a superuser, so it would not notice a new
 * DELETE on another table: this reads every DELETE the service's sources make, in SQL or
 * through TypeORM, and checks each table is listed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { APPEND_ONLY_TABLES } from '../src/database/service-grants.js';
import { entities } from '../src/entities.js';
import { TABLES_DELETED_FROM } from '../src/migrate.js';

const SRC = path.resolve(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

/** Entity class name → its table. */
function tablesOfEntities(): Map<string, string> {
  const tables = new Map<string, string>();
  for (const table of getMetadataArgsStorage().tables) {
    const target = table.target as { name?: string };
    if (entities.includes(table.target as (typeof entities)[number]) && target.name && table.name)
      tables.set(target.name, table.name);
  }
  return tables;
}

describe('the service role grants', () => {
  // Comments aside: they name statements without making them.
  const code = sources(SRC).map((file) => ({
    file,
    text: readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, ''),
  }));

  it('let the service delete from every table it deletes from, and truncate none', () => {
    const entityTables = tablesOfEntities();
    const deleted = new Set<string>();
    for (const { file, text } of code) {
      for (const [, table] of text.matchAll(/\bDELETE\s+FROM\s+"?(\w+)/gi)) deleted.add(table);
      for (const [, entity] of text.matchAll(/\.(?:delete|remove)\(\s*(\w+)\s*,/g)) {
        const table = entityTables.get(entity);
        if (table) deleted.add(table);
      }
      expect({ file, truncates: /\bTRUNCATE\b/i.test(text) }).toEqual({ file, truncates: false });
    }
    // The scan finds what it should: person_limit is deleted through TypeORM only.
    expect(deleted).toContain('person_limit');
    expect([...deleted].sort()).toEqual([...TABLES_DELETED_FROM].sort());
  });

  it('keep the append-only tables out of the tables deleted from', () => {
    const both = APPEND_ONLY_TABLES.filter((table) => TABLES_DELETED_FROM.includes(table));
    expect(both).toEqual([]);
  });
});
