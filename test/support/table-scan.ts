import type { DataSource } from 'typeorm';

/** Every table in the public schema with a row whose text (or a bytea column's hex) holds `needle`. */
export async function tablesContaining(dataSource: DataSource, needle: string): Promise<string[]> {
  const tables = await dataSource.query<{ name: string }[]>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const hex = Buffer.from(needle, 'utf8').toString('hex');
  const found: string[] = [];
  for (const { name } of tables) {
    const [row] = await dataSource.query<{ hit: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM ${name} t
                       WHERE strpos(t::text, $1) > 0 OR strpos(lower(t::text), $2) > 0) AS hit`,
      [needle, hex],
    );
    if (row.hit) found.push(name);
  }
  return found;
}
